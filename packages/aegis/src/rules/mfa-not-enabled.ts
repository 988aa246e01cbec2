import { defineRule } from '../engine/define-rule.ts'
import { phishingResistantMethods, secondFactors } from './lib/factors.ts'

/**
 * Profiles at AAL2 and above require a second factor; Kratos enables none by default. Profiles
 * whose MFA requirement is phishing-resistant (AAL3, ASVS 5.0 L3) also need WebAuthn or passkeys:
 * TOTP and lookup secrets alone do not meet them.
 */
export default defineRule({
  id: 'mfa-not-enabled',
  meta: {
    title: 'no second factor is enabled although the profile requires MFA',
    severity: 'medium',
    concern: 'mfa',
    references: {
      asvs4: ['3.3.2'],
      asvs5: ['6.3.3'],
      nist: ['SP 800-63B-4 §2.2', 'SP 800-63B-4 §2.3', 'SP 800-63B §4.2', 'SP 800-63B §4.3'],
      pci: ['8.4.2'],
      cwe: ['CWE-308'],
    },
    unmapped: {
      wstg: 'WSTG tests MFA among its authentication tests (WSTG-ATHN), outside the session tests aegis maps',
    },
    messages: {
      none: 'No second factor is enabled (totp, lookup_secret, webauthn without passwordless, or code with mfa_enabled), while {{cite}} requires multi-factor authentication: every session is AAL1. Enable one, e.g. selfservice.methods.totp.enabled: true, and keep required_aal at highest_available.',
      noneResistant:
        'No second factor is enabled, while {{cite}} requires multi-factor authentication with a phishing-resistant authenticator: every session is AAL1. Enable WebAuthn as a second factor (selfservice.methods.webauthn.enabled: true with config.passwordless: false and config.rp set) and keep required_aal at highest_available.',
      notResistant:
        'The enabled second factors ({{factors}}) are not phishing-resistant, while {{cite}} requires a hardware-based, phishing-resistant authenticator: a phishing site can relay TOTP and lookup codes. Enable WebAuthn as a second factor (selfservice.methods.webauthn.enabled: true with config.passwordless: false and config.rp set) or passkeys.',
    },
    fixable: 'unsafe',
  },
  check: ({ view, profile }) => {
    const mfa = profile.requires.mfa
    if (mfa === undefined) return { skip: `${profile.id} does not require MFA` }
    const factors = secondFactors(view)
    const resistant = mfa.phishingResistant === true
    if (factors.length > 0) {
      if (!resistant || phishingResistantMethods(view).length > 0) return []
      // WebAuthn needs a relying party (id, origins) only the operator knows: no fix to offer.
      return [
        {
          key: 'selfservice.methods.webauthn.enabled',
          messageId: 'notResistant',
          data: { cite: mfa.cite, factors: factors.map((f) => f.name).join(', ') },
        },
      ]
    }
    if (resistant) {
      return [
        {
          key: 'selfservice.methods.webauthn.enabled',
          messageId: 'noneResistant',
          data: { cite: mfa.cite },
        },
      ]
    }
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
