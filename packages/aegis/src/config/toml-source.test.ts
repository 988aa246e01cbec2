import { describe, expect, it } from 'vitest'
import { parseToml, splitTomlKey, tomlPositions } from './toml-source.ts'

describe('TOML positions', () => {
  const text = [
    '# Kratos',
    'dsn = "memory"',
    'description = """',
    'key = "not a key"',
    '"""',
    '[serve.public]',
    'base_url = "https://a.example/"',
    'cors = { enabled = true, allowed_origins = ["https://b.example"] }',
    '[session . "cookie"]',
    "'same_site' = 'Lax'",
    'ports = [',
    '  { x = 1 },',
    ']',
    'after = "x"',
    '',
  ].join('\n')

  it('places keys under tables, skips multi-line strings and arrays', () => {
    const p = tomlPositions(text, 'k.toml')
    expect(p.get('dsn')).toMatchObject({ line: 2, column: 7 })
    expect(p.has('key')).toBe(false)
    expect(p.get('serve.public.base_url')).toMatchObject({ line: 7, column: 12 })
    expect(p.get('serve.public.cors')).toMatchObject({ line: 8 })
    expect(p.get('session.cookie.same_site')).toMatchObject({ line: 10, column: 15 })
    expect(p.has('session.cookie.x')).toBe(false)
    expect(p.get('session.cookie.after')).toMatchObject({ line: 14 })
  })

  it('agrees with the parser on the values', () => {
    const tree = parseToml(text, 'k.toml')
    expect(tree).toMatchObject({
      dsn: 'memory',
      serve: { public: { cors: { enabled: true } } },
      session: { cookie: { same_site: 'Lax', after: 'x' } },
    })
  })

  it('splits dotted and quoted keys', () => {
    expect(splitTomlKey('a."b.c" . d')).toEqual(['a', 'b.c', 'd'])
    expect(splitTomlKey('a..b')).toBeUndefined()
  })
})
