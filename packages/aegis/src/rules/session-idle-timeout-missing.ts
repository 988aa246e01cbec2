import { defineRule } from '../engine/define-rule.ts'
import { durationAt, span } from './lib/durations.ts'

/**
 * Kratos has no inactivity timeout: a session ends only at its absolute expiry (FACTS.md §8).
 * Only a lifespan no longer than the idle limit bounds idleness by configuration alone.
 */
export default defineRule({
  id: 'session-idle-timeout-missing',
  meta: {
    title: 'no inactivity timeout: Kratos has none',
    severity: 'low',
    concern: 'inactivity',
    references: {
      asvs4: ['3.3.2'],
      asvs5: ['7.3.1'],
      nist: [
        'SP 800-63B-4 §2.2.3',
        'SP 800-63B-4 §2.3.3',
        'SP 800-63B-4 §5.2',
        'SP 800-63B §4.2.3',
        'SP 800-63B §4.3.3',
      ],
      pci: ['8.2.8'],
      cwe: ['CWE-613'],
      wstg: ['WSTG-SESS-07'],
    },
    messages: {
      missing:
        'Kratos has no inactivity timeout: an idle session stays valid until it expires ({{lifespan}}), while {{cite}} asks for {{limit}} ({{level}}). Configuration cannot close this: enforce it where sessions are checked (kratos-aegis guard idleTimeout: {{limit}}) or make session.lifespan no longer than {{limit}}.',
    },
  },
  check: ({ view, profile }) => {
    const limit = profile.limits.idleTimeout
    if (limit === undefined) return { skip: `${profile.id} requires no inactivity timeout` }
    const lifespan = durationAt(view, 'session.lifespan')
    if (lifespan === null) return []
    if (limit.seconds !== null && lifespan <= limit.seconds) return []
    const wanted = limit.seconds === null ? 'a documented limit' : span(limit.seconds)
    return [
      {
        key: 'session.lifespan',
        messageId: 'missing',
        data: { lifespan: span(lifespan), limit: wanted, cite: limit.cite, level: limit.level },
        identity: 'idle-timeout',
      },
    ]
  },
})
