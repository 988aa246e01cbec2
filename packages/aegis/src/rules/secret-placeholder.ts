import { defineRule } from '../engine/define-rule.ts'
import { isPlaceholder } from './lib/placeholders.ts'
import { secretItems } from './lib/secrets.ts'

/** A published secret lets anyone forge session cookies and recovery links (STANDARDS.md §5 #18). */
export default defineRule({
  id: 'secret-placeholder',
  meta: {
    title: 'a secret is a published placeholder',
    severity: 'critical',
    concern: 'secrets',
    references: { asvs4: ['6.4.1'], asvs5: ['13.3.1', '11.5.1'], cwe: ['CWE-798', 'CWE-1392'] },
    messages: {
      placeholder:
        "Entry {{position}} of {{key}} is a placeholder from Kratos' quickstarts or docs (or an obvious stand-in): anyone can forge session cookies{{extra}} with it. Replace it with a random value of at least 32 characters{{rotate}}.",
    },
    fixable: 'unsafe',
  },
  check: ({ view }) =>
    secretItems(view)
      .filter((s) => isPlaceholder(s.value))
      .map((s) => ({
        key: s.key,
        messageId: 'placeholder' as const,
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
