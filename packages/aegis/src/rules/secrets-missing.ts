import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'

/**
 * With neither `secrets.default` nor `secrets.cookie`, Kratos silently signs cookies and
 * recovery/verification tokens with a random UUID per process (FACTS.md §1.3, §11.10).
 */
export default defineRule({
  id: 'secrets-missing',
  meta: {
    title: 'no cookie secret: Kratos invents one per process',
    severity: 'high',
    concern: 'secrets',
    references: {
      asvs5: ['13.3.1', '11.5.1'],
      cwe: ['CWE-321', 'CWE-330'],
      wstg: ['WSTG-SESS-01'],
    },
    unmapped: {
      asvs4:
        'ASVS 4.0.3 accepts a CSPRNG UUIDv4 as a secret value (6.3.2), where ASVS 5.0 (11.5.1) does not',
      nist: unmappedReasons.nistKeys,
      pci: unmappedReasons.pciKeys,
    },
    messages: {
      missing:
        "Neither secrets.cookie nor secrets.default is set: Kratos silently generates a random secret per process, without a warning. Every restart logs everyone out and invalidates recovery and verification links, and replicas reject each other's cookies. Set secrets.cookie to a random value of at least 32 characters, injected from a secret store.",
      cipher:
        'ciphers.algorithm is {{algorithm}} but secrets.cipher is not set: Kratos refuses to start. Set secrets.cipher to exactly 32 random characters.',
    },
    fixable: 'safe',
  },
  check: ({ view }) => {
    const out = []
    if (!view.has('secrets.cookie') && !view.has('secrets.default')) {
      out.push({
        key: 'secrets.cookie',
        messageId: 'missing' as const,
        fix: {
          kind: 'safe' as const,
          description: 'generate secrets.cookie',
          edits: [{ op: 'generate-secret' as const, key: 'secrets.cookie', length: 32 }],
        },
      })
    }
    const algorithm = view.get('ciphers.algorithm')
    if (
      (algorithm === 'aes' || algorithm === 'xchacha20-poly1305') &&
      !view.has('secrets.cipher')
    ) {
      out.push({
        key: 'secrets.cipher',
        messageId: 'cipher' as const,
        data: { algorithm },
        fix: {
          kind: 'safe' as const,
          description: 'generate secrets.cipher',
          edits: [{ op: 'generate-secret' as const, key: 'secrets.cipher', length: 32 }],
        },
      })
    }
    return out
  },
})
