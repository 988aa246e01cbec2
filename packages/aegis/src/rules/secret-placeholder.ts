import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { isPlaceholder } from './lib/placeholders.ts'
import { cipherUse, defaultIsFallbackOnly, secretItems, type SecretItem } from './lib/secrets.ts'
import type { ConfigView } from '../config/types.ts'
import type { Severity } from '../engine/finding.ts'

/**
 * A published secret is no secret (STANDARDS.md §5 #18). Session tokens do not depend on it
 * (FACTS.md §9), so the impact is cookie decryption and re-wrapping, continuity-cookie forgery
 * and the HMAC key of stored codes: high, not critical. A key is rated by what it protects in
 * this configuration (lib/secrets.ts): a cipher key under `noop` or without OIDC, and a default
 * shadowed by `secrets.cookie`, protect nothing yet; pagination secrets protect no credential.
 */
const rate = (
  view: ConfigView,
  s: SecretItem,
): {
  messageId: 'cookie' | 'cipher' | 'cipherIdle' | 'defaultIdle' | 'pagination'
  severity: Severity
} => {
  if (s.purpose === 'pagination') return { messageId: 'pagination', severity: 'low' }
  if (s.purpose === 'cipher')
    return cipherUse(view) === 'oidc'
      ? { messageId: 'cipher', severity: 'high' }
      : { messageId: 'cipherIdle', severity: 'low' }
  if (s.purpose === 'default' && defaultIsFallbackOnly(view))
    return { messageId: 'defaultIdle', severity: 'low' }
  return { messageId: 'cookie', severity: 'high' }
}

export default defineRule({
  id: 'secret-placeholder',
  meta: {
    title: 'a secret is a published placeholder',
    severity: 'high',
    concern: 'secrets',
    references: { asvs4: ['6.4.1'], asvs5: ['13.3.1', '11.5.1'], cwe: ['CWE-798', 'CWE-1392'] },
    unmapped: {
      nist: unmappedReasons.nistKeys,
      pci: unmappedReasons.pciKeys,
      wstg: unmappedReasons.wstgKeys,
    },
    messages: {
      cookie:
        "Entry {{position}} of {{key}} is a placeholder published in Kratos' quickstarts or docs (or an obvious stand-in): with it anyone can decrypt captured session cookies and wrap any session token they learn into a valid one, forge continuity cookies (OIDC and settings flows), and it keys the HMACs of stored recovery and verification codes. Replace it with a random value of at least 32 characters{{rotate}}.",
      cipher:
        "Entry {{position}} of secrets.cipher is a placeholder published in Kratos' quickstarts or docs: OIDC sign-in is enabled and ciphers.algorithm encrypts with it, so whoever reads the database can decrypt the OIDC ID, access and refresh tokens stored for linked accounts, and anyone can forge the OIDC state parameter. Replace it with 32 random characters (prepend the new key; the old one is still needed to decrypt existing values).",
      cipherIdle:
        "Entry {{position}} of secrets.cipher is a placeholder published in Kratos' quickstarts or docs, but it protects nothing today: {{why}}. Replace it with 32 random characters before enabling aes or xchacha20-poly1305 with OIDC.",
      defaultIdle:
        "Entry {{position}} of secrets.default is a placeholder published in Kratos' quickstarts or docs. Kratos reads secrets.default only when secrets.cookie is unset, and secrets.cookie is set, so it protects nothing today; it would take over if secrets.cookie were removed. Replace it with a random value or remove it.",
      pagination:
        'Entry {{position}} of secrets.pagination is a placeholder: the page tokens of the admin API courier-message listing can be read and forged. They carry no credentials, so this is hygiene. Replace it with a random value.',
    },
    fixable: 'unsafe',
  },
  check: ({ view }) =>
    secretItems(view)
      .filter((s) => isPlaceholder(s.value))
      .map((s) => ({
        key: s.key,
        ...rate(view, s),
        data: {
          key: s.key,
          position: s.index + 1,
          why:
            cipherUse(view) === 'noop'
              ? 'ciphers.algorithm is noop, which uses no key'
              : 'the cipher protects only OIDC state and tokens, and OIDC sign-in is not enabled',
          rotate:
            s.index === 0
              ? ' (prepend the new one; users signed in under the old one are logged out when it is removed)'
              : '',
        },
        identity: s.value,
        fix: {
          kind: 'unsafe' as const,
          description: `replace ${s.key} with a generated secret`,
          edits: [{ op: 'generate-secret' as const, key: s.key, length: 32 }],
        },
      })),
})
