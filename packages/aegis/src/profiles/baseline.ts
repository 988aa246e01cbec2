import { hours, type Profile } from './types.ts'

/**
 * The default: what a Kratos expert expects of any production deployment. Numbers follow
 * NIST SP 800-63B-4 at AAL2 (the current revision's SHOULDs), which Kratos' own defaults meet;
 * gaps configuration cannot close (no idle timeout) stay at `low`.
 */
export const baseline: Profile = {
  id: 'baseline',
  title: 'kratos-aegis baseline (production, NIST SP 800-63B-4 AAL2 numbers)',
  source:
    'NIST SP 800-63B-4; OWASP Session Management Cheat Sheet; Kratos source (github.com/ory/kratos)',
  limits: {
    sessionLifespan: { seconds: hours(24), cite: 'NIST SP 800-63B-4 §2.2.3', level: 'SHOULD' },
    idleTimeout: { seconds: hours(1), cite: 'NIST SP 800-63B-4 §2.2.3', level: 'SHOULD' },
    privilegedSessionMaxAge: {
      seconds: hours(1),
      cite: 'Kratos default (embedx/config.schema.json, github.com/ory/kratos v26.2.0); OWASP ASVS 4.0.3 3.7.1 sets no number',
      level: 'project default',
    },
    flowLifespan: {
      seconds: hours(1),
      cite: 'Kratos default (embedx/config.schema.json, github.com/ory/kratos v26.2.0); no standard sets a number',
      level: 'project default',
    },
  },
  requires: {
    nonPersistentCookie: { cite: 'NIST SP 800-63B-4 §5.1', level: 'SHOULD' },
    cookiePrefix: { prefix: '__Host-', cite: 'NIST SP 800-63B-4 §5.1.1', level: 'SHOULD' },
    revokeSessionsOnCredentialChange: {
      cite: 'OWASP Session Management Cheat Sheet (renew after risk events)',
      level: 'recommended',
    },
  },
  severity: {},
}
