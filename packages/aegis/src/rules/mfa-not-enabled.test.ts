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

  describe('under profiles that require a phishing-resistant authenticator (QA M3)', () => {
    const resistant = ['nist-aal3', 'nist3-aal3', 'asvs5-l3']
    const totpAndLookup = {
      selfservice: { methods: { totp: { enabled: true }, lookup_secret: { enabled: true } } },
    }

    it.each(resistant)('%s does not accept TOTP and lookup secrets alone', (id) => {
      const [f, ...rest] = run(totpAndLookup, {}, id)
      expect(rest).toEqual([])
      expect(f).toMatchObject({ key: 'selfservice.methods.webauthn.enabled', severity: 'high' })
      expect(f?.message).toContain('(totp, lookup_secret) are not phishing-resistant')
      expect(f?.message).toContain(getProfile(id).requires.mfa!.cite)
      expect(f?.fix).toBeNull()
    })

    it.each(resistant)('%s asks for WebAuthn, not TOTP, when no factor is enabled', (id) => {
      const [f] = run({}, {}, id)
      expect(f?.message).toContain('phishing-resistant authenticator')
      expect(f?.fix).toBeNull()
    })

    it.each(resistant)('%s accepts WebAuthn as a second factor or next to passkeys', (id) => {
      const webauthn = { enabled: true, config: { passwordless: false } }
      expect(run({ selfservice: { methods: { webauthn } } }, {}, id)).toEqual([])
      expect(
        run(
          {
            selfservice: {
              methods: { ...totpAndLookup.selfservice.methods, passkey: { enabled: true } },
            },
          },
          {},
          id,
        ),
      ).toEqual([])
    })

    it('keeps accepting TOTP where the profile asks only for MFA', () => {
      for (const id of ['nist-aal2', 'nist3-aal2', 'asvs5-l2', 'asvs4-l3', 'pci-dss-4'])
        expect(run(totpAndLookup, {}, id)).toEqual([])
    })
  })

  it('is skipped by profiles that do not require MFA', () => {
    expect(run({})).toEqual([])
  })
})
