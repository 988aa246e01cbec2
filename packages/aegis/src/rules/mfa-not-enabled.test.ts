import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './mfa-not-enabled.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('mfa-not-enabled', () => {
  it('reports missing MFA under profiles that require it', () => {
    const [f] = run({}, {}, 'nist-aal2')
    expect(f).toMatchObject({ key: 'selfservice.methods.totp.enabled', severity: 'high' })
    expect(f?.message).toContain('NIST SP 800-63B-4 §2.2')
  })

  it('accepts any second factor', () => {
    expect(
      run({ selfservice: { methods: { lookup_secret: { enabled: true } } } }, {}, 'nist-aal2'),
    ).toEqual([])
    expect(
      run({ selfservice: { methods: { code: { mfa_enabled: true } } } }, {}, 'pci-dss-4'),
    ).toEqual([])
  })

  it('is skipped by profiles that do not require MFA', () => {
    expect(run({})).toEqual([])
  })
})
