import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './cipher-algorithm-noop.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('cipher-algorithm-noop', () => {
  it('is medium when OIDC tokens are stored, saying sessions are never encrypted', () => {
    const [f] = run({ selfservice: { methods: { oidc: { enabled: true } } } })
    expect(f).toMatchObject({ key: 'ciphers.algorithm', severity: 'medium', origin: 'default' })
    expect(f?.message).toContain('no cipher setting ever encrypts sessions')
    expect(f?.fix?.edits).toHaveLength(2)
  })

  it('is info without OIDC', () => {
    const [f] = run({ ciphers: { algorithm: 'noop' } })
    expect(f?.severity).toBe('info')
    expect(f?.message).toContain('plain text')
  })

  it('accepts a real cipher', () => {
    expect(run({ ciphers: { algorithm: 'xchacha20-poly1305' } })).toEqual([])
  })
})
