import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { durationAt, goDuration, span } from './lib/durations.ts'
import { setFix } from './lib/fixes.ts'

export default defineRule({
  id: 'session-lifespan-too-long',
  meta: {
    title: 'session lifespan is longer than the profile allows',
    severity: 'medium',
    concern: 'session-lifetime',
    references: {
      asvs4: ['3.3.2'],
      asvs5: ['7.1.1', '7.3.2'],
      nist: [
        'SP 800-63B-4 §2.1.3',
        'SP 800-63B-4 §2.2.3',
        'SP 800-63B-4 §2.3.3',
        'SP 800-63B §4.1.3',
        'SP 800-63B §4.2.3',
        'SP 800-63B §4.3.3',
      ],
      cwe: ['CWE-613'],
      wstg: ['WSTG-SESS-07'],
    },
    unmapped: {
      pci: unmappedReasons.pciLifetime,
    },
    messages: {
      tooLong:
        'Sessions live {{actual}} from login or last extension ({{source}}), longer than the {{limit}} {{cite}} allows ({{level}}); a stolen session cookie or token stays usable that long. Set session.lifespan to {{limit}} or less.',
      zero: 'session.lifespan is {{actual}}: every session expires the moment it is issued (expires_at = issuance + lifespan), so logins succeed but no later request is authenticated and users are sent back to log in. Set a positive lifespan{{within}}.',
      undocumented:
        'Sessions live {{actual}} ({{source}}); {{cite}} asks for an absolute limit decided and documented against NIST SP 800-63B. Record why {{actual}} is right, or shorten session.lifespan.',
    },
    fixable: 'unsafe',
  },
  check: ({ view, profile }) => {
    const limit = profile.limits.sessionLifespan
    const actual = durationAt(view, 'session.lifespan')
    // 0s is valid for the schema (no minimum), but Kratos sets expires_at = now + lifespan, so
    // the session is dead on arrival (QA N21): broken, whatever the profile's limit.
    if (actual === 0) {
      const within =
        limit === undefined || limit.seconds === null
          ? " (Kratos' default is 24h)"
          : ` of at most ${span(limit.seconds)} (${limit.cite})`
      return [
        {
          key: 'session.lifespan',
          messageId: 'zero',
          data: { actual: String(view.get('session.lifespan')), within },
          severity: 'low',
        },
      ]
    }
    if (limit === undefined) return { skip: `${profile.id} sets no absolute session limit` }
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
        fix: setFix('session.lifespan', value, 'unsafe'),
      },
    ]
  },
})
