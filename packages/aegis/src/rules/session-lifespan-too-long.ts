import { defineRule } from '../engine/define-rule.ts'
import { durationAt, goDuration, span } from './lib/durations.ts'

export default defineRule({
  id: 'session-lifespan-too-long',
  meta: {
    title: 'session lifespan is longer than the profile allows',
    severity: 'medium',
    concern: 'session-lifetime',
    references: {
      asvs4: ['3.3.2'],
      asvs5: ['7.1.1', '7.3.2'],
      nist: ['SP 800-63B-4 §2.2.3', 'SP 800-63B §4.2.3'],
      cwe: ['CWE-613'],
      wstg: ['WSTG-SESS-07'],
    },
    messages: {
      tooLong:
        'Sessions live {{actual}} from login or last extension ({{source}}), longer than the {{limit}} {{cite}} allows ({{level}}); a stolen session cookie or token stays usable that long. Set session.lifespan to {{limit}} or less.',
      undocumented:
        'Sessions live {{actual}} ({{source}}); {{cite}} asks for an absolute limit decided and documented against NIST SP 800-63B. Record why {{actual}} is right, or shorten session.lifespan.',
    },
    fixable: 'unsafe',
  },
  check: ({ view, profile }) => {
    const limit = profile.limits.sessionLifespan
    if (limit === undefined) return { skip: `${profile.id} sets no absolute session limit` }
    const actual = durationAt(view, 'session.lifespan')
    if (actual === null) return []
    const source = view.has('session.lifespan') ? 'session.lifespan' : 'the Kratos default'
    const data = { actual: span(actual), source, cite: limit.cite, level: limit.level }
    if (limit.seconds === null) {
      return [{ key: 'session.lifespan', messageId: 'undocumented', data, severity: 'info' }]
    }
    if (actual <= limit.seconds) return []
    const value = goDuration(limit.seconds)
    return [
      {
        key: 'session.lifespan',
        messageId: 'tooLong',
        data: { ...data, limit: span(limit.seconds) },
        fix: {
          kind: 'unsafe',
          description: `set session.lifespan to ${value}`,
          edits: [{ op: 'set', key: 'session.lifespan', value }],
        },
      },
    ]
  },
})
