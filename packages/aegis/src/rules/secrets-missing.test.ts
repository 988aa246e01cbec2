import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secrets-missing.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('secrets-missing', () => {
  it('reports no cookie secret, with a generate fix', () => {
    const [f] = run({})
    expect(f).toMatchObject({ key: 'secrets.cookie', severity: 'high', origin: 'default' })
    expect(f?.message).toContain('random secret per process')
    expect(f?.fix?.edits[0]).toEqual({ op: 'generate-secret', key: 'secrets.cookie', length: 32 })
  })

  it('accepts secrets.default as the fallback, and env-injected secrets', () => {
    expect(run({ secrets: { default: ['a'.repeat(32)] } })).toEqual([])
    expect(run({}, { env: { SECRETS_COOKIE: '["0123456789abcdef0123456789abcdef"]' } })).toEqual([])
  })

  it('reports an encrypting cipher without secrets.cipher', () => {
    const found = run({ secrets: { cookie: ['x'.repeat(32)] }, ciphers: { algorithm: 'aes' } })
    expect(found.map((f) => f.key)).toEqual(['secrets.cipher'])
    expect(found[0]?.message).toContain('refuses to start')
  })
})
