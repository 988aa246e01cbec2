import { defineRule } from '../engine/define-rule.ts'
import { isPlaceholder } from './lib/placeholders.ts'
import { secretItems } from './lib/secrets.ts'

/**
 * A published secret is no secret (STANDARDS.md §5 #18). Session tokens do not depend on it
 * (FACTS.md §9), so the impact is cookie decryption and re-wrapping, continuity-cookie forgery
 * and the HMAC key of stored codes: high, not critical; pagination secrets protect no credential.
 */
export default defineRule({
  id: 'secret-placeholder',
  meta: {
    title: 'a secret is a published placeholder',
    severity: 'high',
    concern: 'secrets',
    references: { asvs4: ['6.4.1'], asvs5: ['13.3.1', '11.5.1'], cwe: ['CWE-798', 'CWE-1392'] },
    messages: {
      cookie:
        "Entry {{position}} of {{key}} is a placeholder published in Kratos' quickstarts or docs (or an obvious stand-in): with it anyone can decrypt captured session cookies and wrap any session token they learn into a valid one, forge continuity cookies (OIDC and settings flows), and it keys the HMACs of stored recovery and verification codes. Replace it with a random value of at least 32 characters{{rotate}}.",
      cipher:
        "Entry {{position}} of secrets.cipher is a placeholder published in Kratos' quickstarts or docs: whoever reads the database can decrypt the OIDC tokens and state it protects. Replace it with 32 random characters (prepend the new key; the old one is still needed to decrypt existing values).",
      pagination:
        'Entry {{position}} of secrets.pagination is a placeholder: pagination tokens can be read and forged. They carry no credentials, so this is hygiene. Replace it with a random value.',
    },
    fixable: 'unsafe',
  },
  check: ({ view }) =>
    secretItems(view)
      .filter((s) => isPlaceholder(s.value))
      .map((s) => ({
        key: s.key,
        messageId: s.purpose === 'default' ? ('cookie' as const) : s.purpose,
        severity: s.purpose === 'pagination' ? ('low' as const) : ('high' as const),
        data: {
          key: s.key,
          position: s.index + 1,
          extra:
            s.purpose === 'cipher'
              ? ' and decrypt OIDC tokens'
              : ' and recovery or verification links',
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
