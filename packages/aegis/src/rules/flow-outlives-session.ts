import { defineRule, type RuleReport } from '../engine/define-rule.ts'
import { durationAt, span } from './lib/durations.ts'

const privileged = 'selfservice.flows.settings.privileged_session_max_age'
// Only the settings flow runs inside a session; login, registration and recovery flows precede one.
const settingsLifespan = 'selfservice.flows.settings.lifespan'

/** Timeouts that contradict each other: the longer one can never act as configured. */
export default defineRule({
  id: 'flow-outlives-session',
  meta: {
    title: 'timeouts are inconsistent with the session lifespan',
    severity: 'low',
    concern: 'flow-lifetime',
    references: { asvs4: ['3.7.1'], asvs5: ['7.1.1'], cwe: ['CWE-613'], wstg: ['WSTG-SESS-07'] },
    unmapped: {
      nist: 'SP 800-63B sets session and reauthentication limits, not how flow lifetimes relate to them',
      pci: 'PCI DSS v4.0.1 sets no requirement on flow or re-authentication windows',
    },
    messages: {
      flow: '{{key}} ({{actual}}) is longer than session.lifespan ({{lifespan}}): a settings form stays open after the session that opened it has expired, and submitting it then fails or asks for a new login. Keep the settings flow lifespan below the session lifespan.',
      privileged:
        '{{key}} ({{actual}}) is not shorter than session.lifespan ({{lifespan}}): every live session counts as recently authenticated, so the re-authentication check before settings changes never fires. Set it well below the lifespan (e.g. 15m).',
    },
  },
  check: ({ view }) => {
    const lifespan = durationAt(view, 'session.lifespan')
    if (lifespan === null) return []
    const out: RuleReport<'flow' | 'privileged'>[] = [settingsLifespan].flatMap((key) => {
      const actual = durationAt(view, key)
      return actual !== null && actual > lifespan
        ? [
            {
              key,
              messageId: 'flow' as const,
              data: { key, actual: span(actual), lifespan: span(lifespan) },
            },
          ]
        : []
    })
    const age = durationAt(view, privileged)
    if (age !== null && age > 0 && age >= lifespan) {
      const data = { key: privileged, actual: span(age), lifespan: span(lifespan) }
      out.push({ key: privileged, messageId: 'privileged' as const, data })
    }
    return out
  },
})
