import { describe, expect, it } from 'vitest'
import { codeFrame, frameLines } from './code-frame.ts'
import { maskLine, redactInline } from './mask.ts'

const lines = (text: string) => text.split('\n')

describe('masking quoted source', () => {
  it('masks values under secret-bearing keys, list items and block scalars included', () => {
    const src = lines(
      [
        'secrets:',
        '  cookie:',
        '    - s3cr3t-one',
        '  cipher: [s3cr3t-two]',
        'courier:',
        '  smtp:',
        '    connection_uri: smtps://u:s3cr3t-three@mail:465',
        'oidc:',
        '  client_secret: |',
        '    s3cr3t-four',
        'session:',
        '  lifespan: 24h',
      ].join('\n'),
    )
    const masked = src.map((_, i) => maskLine(src, i)).join('\n')
    for (const s of ['s3cr3t-one', 's3cr3t-two', 's3cr3t-three', 's3cr3t-four']) {
      expect(masked).not.toContain(s)
    }
    expect(masked).toContain('  lifespan: 24h')
    expect(masked).toContain('    - ********')
  })

  it('masks env lines by name and tokens or URI passwords anywhere', () => {
    const env = lines('SECRETS_COOKIE=abc123\nDSN=postgres://a:b@c/d\nLOG_LEVEL=debug')
    expect(env.map((_, i) => maskLine(env, i))).toEqual([
      'SECRETS_COOKIE=********',
      'DSN=********',
      'LOG_LEVEL=debug',
    ])
    expect(redactInline('see ory_st_abcDEF123 and https://user:pw@host/x')).toBe(
      'see ory_st_******** and https://user:********@host/x',
    )
  })
})

describe('code frames', () => {
  const text = 'a: 1\nsession:\n  lifespan: 720h\n  cookie:\n    persistent: true\nnext: 2\n'

  it('marks the location lines with one line of context and a caret', () => {
    expect(codeFrame(text, { file: 'k', line: 3, column: 13 })).toEqual([
      '  2 | session:',
      '> 3 |   lifespan: 720h',
      '    |             ^',
      '  4 |   cookie:',
    ])
  })

  it('does not count the next line a YAML range ends on (column 1)', () => {
    const marked = frameLines(text, { file: 'k', line: 4, column: 3, endLine: 6, endColumn: 1 })
      .filter((l) => l.marked)
      .map((l) => l.number)
    expect(marked).toEqual([4, 5])
  })
})
