import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './required-aal-below-second-factor.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

const totp = { methods: { totp: { enabled: true } } }

describe('required-aal-below-second-factor', () => {
  it('reports whoami and settings at aal1 while TOTP is enabled', () => {
    const found = run({
      session: { whoami: { required_aal: 'aal1' } },
      selfservice: { ...totp, flows: { settings: { required_aal: 'aal1' } } },
    })
    expect(found.map((f) => f.key).sort()).toEqual([
      'selfservice.flows.settings.required_aal',
      'session.whoami.required_aal',
    ])
    expect(found[0]?.severity).toBe('high')
    expect(found[0]?.message).toContain('totp')
    expect(found[0]?.fix?.kind).toBe('unsafe')
  })

  it('counts WebAuthn as a second factor only when not passwordless', () => {
    const aal1 = { session: { whoami: { required_aal: 'aal1' } } }
    const webauthn = (passwordless: boolean) => ({
      ...aal1,
      selfservice: { methods: { webauthn: { enabled: true, config: { passwordless } } } },
    })
    expect(run(webauthn(false))).toHaveLength(1)
    expect(run(webauthn(true))).toEqual([])
  })

  it('accepts aal1 when no second factor exists, and highest_available always', () => {
    expect(run({ session: { whoami: { required_aal: 'aal1' } } })).toEqual([])
    expect(run({ selfservice: totp })).toEqual([])
  })
})
