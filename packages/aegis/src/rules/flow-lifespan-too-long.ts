import { defineRule } from '../engine/define-rule.ts'
import { durationAt, goDuration, span } from './lib/durations.ts'
import { flowLifespanKeys } from './lib/flows.ts'
import { setFix } from './lib/fixes.ts'

/** A flow lifespan is the life of a form or a one-time link/code, not of the session (FACTS.md §1.7). */
export default defineRule({
  id: 'flow-lifespan-too-long',
  meta: {
    title: 'a self-service flow, link or code stays usable too long',
    severity: 'low',
    concern: 'flow-lifetime',
    references: {
      cwe: ['CWE-613', 'CWE-640'],
      wstg: ['WSTG-SESS-07'],
    },
    unmapped: {
      asvs4:
        'ASVS 4.0.3 bounds one-time codes in V2 (authentication), outside the chapters aegis maps',
      asvs5:
        'ASVS 5.0 bounds one-time codes in V6 (authentication), outside the requirements aegis maps',
      nist: 'SP 800-63B bounds one-time codes and recovery in its authenticator sections, outside the session and AAL sections aegis maps',
      pci: 'PCI DSS v4.0.1 sets no lifetime for self-service flows, links or codes',
    },
    messages: {
      tooLong:
        '{{key}} is {{actual}}, longer than {{limit}} ({{cite}}): a form, recovery link or one-time code left in a mailbox, browser history or log stays usable that long. Set it to {{limit}} or less.',
    },
    fixable: 'unsafe',
  },
  check: ({ view, profile }) => {
    const limit = profile.limits.flowLifespan
    if (limit?.seconds == null) return { skip: `${profile.id} sets no flow lifetime` }
    const max = limit.seconds
    return flowLifespanKeys.flatMap((key) => {
      const actual = durationAt(view, key)
      if (actual === null || actual <= max || !view.has(key)) return []
      const value = goDuration(max)
      const data = { key, actual: span(actual), limit: span(max), cite: limit.cite }
      return [{ key, messageId: 'tooLong' as const, data, fix: setFix(key, value, 'unsafe') }]
    })
  },
})
