import { defineRule } from '../engine/define-rule.ts'
import { secondFactors } from './lib/factors.ts'

/** Profiles at AAL2 and above require a second factor; Kratos enables none by default. */
export default defineRule({
  id: 'mfa-not-enabled',
  meta: {
    title: 'no second factor is enabled although the profile requires MFA',
    severity: 'medium',
    concern: 'mfa',
    references: {
      asvs4: ['3.3.2'],
      asvs5: ['6.3.3'],
      nist: ['SP 800-63B-4 §2.2.3'],
      pci: ['8.4.2'],
      cwe: ['CWE-308'],
    },
    messages: {
      none: 'No second factor is enabled (totp, lookup_secret, webauthn without passwordless, or code with mfa_enabled), while {{cite}} requires multi-factor authentication: every session is AAL1. Enable one, e.g. selfservice.methods.totp.enabled: true, and keep required_aal at highest_available.',
    },
    fixable: 'unsafe',
  },
  check: ({ view, profile }) => {
    const mfa = profile.requires.mfa
    if (mfa === undefined) return { skip: `${profile.id} does not require MFA` }
    if (secondFactors(view).length > 0) return []
    const key = 'selfservice.methods.totp.enabled'
    return [
      {
        key,
        messageId: 'none',
        data: { cite: mfa.cite },
        fix: {
          kind: 'unsafe',
          description: 'enable TOTP as a second factor',
          edits: [{ op: 'set', key, value: true }],
        },
      },
    ]
  },
})
