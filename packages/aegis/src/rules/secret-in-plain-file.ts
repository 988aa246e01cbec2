import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { whereWritten } from './lib/origins.ts'
import { cipherUse, defaultIsFallbackOnly, secretPurposes } from './lib/secrets.ts'

/**
 * Secrets belong in a secrets manager, injected at run time (ASVS 5.0 13.3.1), not in a committed
 * file. The message says what each key can really do in this configuration (FACTS.md §1.3, §1.4;
 * callers listed in lib/secrets.ts): keys that protect nothing today are info.
 */
export default defineRule({
  id: 'secret-in-plain-file',
  meta: {
    title: 'a secret is written in plain text in a file',
    severity: 'low',
    concern: 'secrets',
    references: { asvs4: ['6.4.1'], asvs5: ['13.3.1'], cwe: ['CWE-312', 'CWE-798'] },
    unmapped: {
      nist: unmappedReasons.nistKeys,
      pci: unmappedReasons.pciKeys,
      wstg: unmappedReasons.wstgKeys,
    },
    messages: {
      inFile:
        "{{key}} is written in plain text in {{where}}: everyone with access to that file, its repository history or the image it is baked into {{can}}. Inject it at run time from a secret store (environment from a Kubernetes Secret, Vault, or the orchestrator's secrets).",
    },
  },
  check: ({ view }) =>
    secretPurposes.flatMap((purpose) => {
      const key = `secrets.${purpose}`
      if (!view.has(key) || view.isExternal(key)) return []
      const origin = view.origin(key)
      // Process env and env files the user names are injection; literals in manifests are not.
      if (origin.kind === 'env' || origin.kind === 'default' || origin.kind === 'flag') return []
      const where = whereWritten(origin)
      const cookieHarm =
        'can decrypt captured session cookies and wrap any session token they learn into a valid cookie, forge continuity cookies, and compute the HMACs of stored recovery and verification codes'
      let can = cookieHarm
      let severity: 'low' | 'info' = 'low'
      if (purpose === 'default' && defaultIsFallbackOnly(view)) {
        can =
          'can read the fallback Kratos uses only when secrets.cookie is unset; secrets.cookie is set, so this key protects nothing today'
        severity = 'info'
      } else if (purpose === 'default') {
        can = `${cookieHarm} (secrets.cookie is unset, so Kratos uses secrets.default in its place)`
      } else if (purpose === 'cipher') {
        const use = cipherUse(view)
        if (use === 'oidc')
          can =
            'can, with a copy of the database, decrypt the OIDC ID, access and refresh tokens stored for linked accounts, and forge the OIDC state parameter'
        else {
          can = `can read a key that protects nothing today (${use === 'noop' ? 'ciphers.algorithm is noop' : 'OIDC sign-in is not enabled'}; the cipher protects only OIDC state and tokens)`
          severity = 'info'
        }
      } else if (purpose === 'pagination') {
        can =
          'can read and forge the page tokens of the admin API courier-message listing (no credentials)'
        severity = 'info'
      }
      return [{ key, messageId: 'inFile' as const, data: { key, where, can }, severity }]
    }),
})
