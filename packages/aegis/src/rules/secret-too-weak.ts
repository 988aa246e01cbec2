import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { isPlaceholder } from './lib/placeholders.ts'
import { estimatedBits, secretItems } from './lib/secrets.ts'

const minLength = 32
const minBits = 128

/** 128-bit security for keys (ASVS 5.0 11.2.3, 11.5.1); Kratos only demands 16 characters. */
export default defineRule({
  id: 'secret-too-weak',
  meta: {
    title: 'a secret is shorter than 32 characters or below 128 bits of entropy',
    severity: 'medium',
    concern: 'secrets',
    references: { asvs5: ['11.2.3', '11.5.1'], cwe: ['CWE-326', 'CWE-331'] },
    unmapped: {
      asvs4:
        'ASVS 4.0.3 sets an entropy floor only for session tokens (3.2.2), and Kratos session tokens do not depend on these secrets',
      nist: unmappedReasons.nistKeys,
      pci: unmappedReasons.pciKeys,
      wstg: unmappedReasons.wstgKeys,
    },
    messages: {
      short:
        'Entry {{position}} of {{key}} has {{length}} characters (about {{bits}} bits of entropy): below 32 characters and 128 bits it can be guessed offline from one captured cookie, after which cookies can be decrypted and re-wrapped and continuity cookies forged. Generate at least 32 random characters (e.g. openssl rand -hex 32).',
      lowEntropy:
        'Entry {{position}} of {{key}} is {{length}} characters long but repetitive or word-like (about {{bits}} bits of estimated entropy, below 128). Generate it randomly (e.g. openssl rand -hex 32).',
    },
  },
  check: ({ view }) =>
    secretItems(view).flatMap((s) => {
      // secret-placeholder reports those; a cipher secret's length is fixed at 32 by Kratos' schema.
      if (isPlaceholder(s.value)) return []
      const bits = Math.floor(estimatedBits(s.value))
      const short = s.value.length < minLength && s.purpose !== 'cipher'
      if (!short && bits >= minBits) return []
      return [
        {
          key: s.key,
          messageId: short ? ('short' as const) : ('lowEntropy' as const),
          data: { key: s.key, position: s.index + 1, length: s.value.length, bits },
          identity: s.value,
        },
      ]
    }),
})
