import { defineRule } from '../engine/define-rule.ts'
import { durationAt, goDuration, span } from './lib/durations.ts'
import { setFix } from './lib/fixes.ts'

const key = 'selfservice.flows.settings.privileged_session_max_age'

/** `0s` (or less) makes every session privileged: `IsPrivileged` returns true (FACTS.md §1.7, §11.8). */
export default defineRule({
  id: 'privileged-session-max-age-too-long',
  meta: {
    title: 'settings changes do not require a recent login',
    severity: 'medium',
    concern: 'reauthentication',
    references: {
      asvs4: ['3.7.1'],
      asvs5: ['7.5.1', '7.5.3'],
      nist: ['SP 800-63B-4 §2.2.3'],
      cwe: ['CWE-306'],
      wstg: ['WSTG-SESS-07'],
    },
    unmapped: {
      pci: 'the nearest PCI DSS v4.0.1 requirement, 8.3.3 (identity verified before an authentication factor is changed), is outside the requirements aegis maps (8.2.8, 8.4.1, 8.4.2, 8.5.1)',
    },
    messages: {
      disabled:
        '{{key}} is {{actual}}, which turns the check off: anyone holding a session cookie or token can change the password, email or second factor without logging in again. Set a short window such as 15m.',
      tooLong:
        '{{key}} is {{actual}}, longer than {{limit}} ({{cite}}): a stolen session can change the password, email or second factor for that long after the last login. Set it to {{limit}} or less.',
    },
    fixable: 'unsafe',
  },
  check: ({ view, profile }) => {
    const age = durationAt(view, key)
    if (age === null) return []
    if (age <= 0) {
      return [
        {
          key,
          messageId: 'disabled',
          data: { key, actual: String(view.get(key)) },
          severity: 'high',
          fix: setFix(key, '15m', 'unsafe'),
        },
      ]
    }
    const limit = profile.limits.privilegedSessionMaxAge
    if (limit?.seconds == null || age <= limit.seconds) return []
    const data = { key, actual: span(age), limit: span(limit.seconds), cite: limit.cite }
    return [
      { key, messageId: 'tooLong', data, fix: setFix(key, goDuration(limit.seconds), 'unsafe') },
    ]
  },
})
