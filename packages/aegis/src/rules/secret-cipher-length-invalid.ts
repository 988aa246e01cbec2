import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { secretItems } from './lib/secrets.ts'

/** secrets.cipher items are exactly 32 characters (AES-256 / XChaCha20 keys, FACTS.md §1.3, §1.4). */
export default defineRule({
  id: 'secret-cipher-length-invalid',
  meta: {
    title: 'a cipher secret is not exactly 32 characters',
    severity: 'high',
    concern: 'secrets',
    references: { asvs5: ['11.2.3'], cwe: ['CWE-326'] },
    unmapped: {
      asvs4: 'ASVS 4.0.3 sets no key-length requirement in the chapters aegis maps',
      nist: unmappedReasons.nistKeys,
      pci: unmappedReasons.pciKeys,
      wstg: unmappedReasons.wstgKeys,
    },
    messages: {
      length:
        "Entry {{position}} of secrets.cipher has {{length}} characters; Kratos' schema requires exactly 32 (a 256-bit key), so Kratos refuses to start. Generate exactly 32 random characters.",
    },
    fixable: 'unsafe',
  },
  check: ({ view }) =>
    secretItems(view, ['cipher'])
      .filter((s) => s.value.length !== 32)
      .map((s) => ({
        key: s.key,
        messageId: 'length' as const,
        data: { position: s.index + 1, length: s.value.length },
        identity: s.value,
        fix: {
          kind: 'unsafe' as const,
          description: 'generate secrets.cipher',
          edits: [{ op: 'generate-secret' as const, key: s.key, length: 32 }],
        },
      })),
})
