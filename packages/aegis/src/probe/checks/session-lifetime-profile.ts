import { defineCheck } from '../define-check.ts'
// The audit's wording for lifetimes (30d, 24h, 1h 30m), so audit and probe read alike.
import { span } from '../../rules/lib/durations.ts'

/** The lifetime a real login gets (`expires_at − issued_at`), against the profile's absolute limit. */
export default defineCheck({
  id: 'session-lifetime-profile',
  meta: {
    title: 'Session lifetime within the profile',
    description:
      'Logs in and compares expires_at − issued_at from the session with the profile’s session lifetime limit.',
    severity: 'medium',
    concern: 'session-lifetime',
    key: 'session.lifespan',
    references: {
      asvs4: ['3.3.2'],
      asvs5: ['7.3.2'],
      nist: ['SP 800-63B-4 §2.2.3'],
      cwe: ['CWE-613'],
    },
    intrusive: false,
    requires: ['identity'],
  },
  run: async (ctx) => {
    const s = await ctx.login('api')
    const issued = Date.parse(String(s.session['issued_at']))
    const expires = Date.parse(String(s.session['expires_at']))
    if (!Number.isFinite(issued) || !Number.isFinite(expires))
      return { outcome: 'error', message: 'the session has no issued_at/expires_at' }
    const seconds = Math.round((expires - issued) / 1000)
    const rule = ctx.profile.limits.sessionLifespan
    const limit = rule?.seconds ?? null
    // No number to judge against (pci-dss-4 sets none; ASVS 5.0 7.3.2 asks for a documented one):
    // not judged rather than a pass, which JUnit and HTML would read as "within the profile".
    if (limit === null)
      return {
        outcome: 'skipped',
        message: `not judged: profile ${ctx.profile.id} sets no session lifetime limit${rule === undefined ? '' : ` (${rule.cite} asks for one the deployment documents)`}; observed: sessions live ${span(seconds)}`,
      }
    return seconds <= limit
      ? {
          outcome: 'pass',
          message: `sessions live ${span(seconds)}, within ${span(limit)}`,
        }
      : {
          outcome: 'fail',
          message: `sessions live ${span(seconds)}, longer than the profile's ${span(limit)}: lower session.lifespan`,
        }
  },
})
