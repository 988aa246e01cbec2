import { defineRule } from '../engine/define-rule.ts'
import { setFix } from './lib/fixes.ts'

const key = 'log.leak_sensitive_values'

/** Request-header logging stops redacting Cookie, Set-Cookie, Authorization and X-Session-Token (FACTS.md §1.8). */
export default defineRule({
  id: 'log-leak-sensitive-values',
  meta: {
    title: 'session tokens and cookies are written to the logs',
    severity: 'high',
    concern: 'logging',
    references: { asvs5: ['16.2.5'], cwe: ['CWE-532'], wstg: ['WSTG-SESS-04'] },
    unmapped: {
      asvs4:
        'ASVS 4.0.3 forbids logging session tokens in 7.1.1 (V7 logging), outside the chapters aegis maps',
      nist: 'the SP 800-63B sections aegis maps do not address logging',
      pci: 'none of the PCI DSS v4.0.1 requirements aegis maps (8.2.8, 8.4.1, 8.4.2, 8.5.1) concerns log content',
    },
    messages: {
      leak: 'log.leak_sensitive_values is true: Kratos logs Cookie, Set-Cookie, Authorization and X-Session-Token headers unredacted, so anyone who reads the logs (log shippers, dashboards, support staff) can take over sessions. Set it to false, and treat logs written so far as containing live credentials.',
    },
    fixable: 'safe',
  },
  check: ({ view }) =>
    view.get(key) === true
      ? [
          {
            key,
            messageId: 'leak',
            fix: setFix(key, false),
          },
        ]
      : [],
})
