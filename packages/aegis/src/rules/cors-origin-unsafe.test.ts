import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './cors-origin-unsafe.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

const origins = (list: string[]) => ({
  serve: { public: { cors: { enabled: true, allowed_origins: list } } },
})

describe('cors-origin-unsafe', () => {
  it('reports null, plain http and wildcard entries', () => {
    const found = run(
      origins([
        'null',
        'http://app.example.com',
        'https://*.example.com',
        'https://ok.example.com',
      ]),
    )
    expect(found.map((f) => f.message.split(':')[0])).toHaveLength(3)
    expect(found.map((f) => f.severity).sort()).toEqual(['low', 'medium', 'medium'])
    expect(found.some((f) => f.message.includes('"null"'))).toBe(true)
  })

  it('gives each entry its own fingerprint', () => {
    const found = run(origins(['null', 'http://a.example.com']))
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(2)
  })

  it('accepts https origins and loopback http', () => {
    expect(run(origins(['https://app.example.com', 'http://localhost:3000']))).toEqual([])
  })

  it('leaves honoured unbounded wildcards to cors-credentials-any-origin (QA M13)', () => {
    expect(run(origins(['https://*', 'https://*.com']))).toEqual([])
    const off = origins(['https://*'])
    ;(off.serve.public.cors as Record<string, unknown>)['allow_credentials'] = false
    expect(run(off)).toMatchObject([{ severity: 'low' }])
    expect(run(off)[0]?.message).toContain('anyone can register')
  })

  it('says HEAD skips unbounded wildcards, and reports the legacy flag that brings them back', () => {
    const [ignored] = run(origins(['https://*.com']), { version: 'head' })
    expect(ignored).toMatchObject({ severity: 'info' })
    expect(ignored?.message).toContain('com is a public suffix')
    expect(ignored?.message).toContain('matches no origin')
    const legacy = {
      ...origins(['https://*.com']),
      feature_flags: { legacy_allow_insecure_origins: true },
    }
    const found = run(legacy, { version: 'head' })
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      key: 'feature_flags.legacy_allow_insecure_origins',
      severity: 'low',
    })
    // The flag also governs allowed return URLs, so it is reported with CORS off too.
    expect(
      run({ feature_flags: { legacy_allow_insecure_origins: true } }, { version: 'head' }),
    ).toHaveLength(1)
  })
})
