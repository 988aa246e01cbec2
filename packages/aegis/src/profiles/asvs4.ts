import { days, hours, minutes, type Profile } from './types.ts'

/** OWASP ASVS 4.0.3, chapter V3 (STANDARDS.md §1.1): the last version with numeric timeouts. */
const common = {
  source: 'OWASP ASVS 4.0.3',
  // 3.4.4 (L1–L3): session cookies use the __Host- prefix.
  cookiePrefix: { prefix: '__Host-', cite: 'ASVS 4.0.3 3.4.4', level: 'required' },
  reauth: { seconds: null, cite: 'ASVS 4.0.3 3.7.1', level: 'required' },
} as const

export const asvs4L1: Profile = {
  id: 'asvs4-l1',
  title: 'OWASP ASVS 4.0.3 Level 1',
  source: common.source,
  limits: {
    sessionLifespan: { seconds: days(30), cite: 'ASVS 4.0.3 3.3.2 (L1)', level: 'required' },
  },
  requires: { cookiePrefix: common.cookiePrefix },
  severity: { 'session-cookie-prefix-missing': 'medium', 'session-idle-timeout-missing': 'off' },
}

export const asvs4L2: Profile = {
  id: 'asvs4-l2',
  title: 'OWASP ASVS 4.0.3 Level 2',
  source: common.source,
  limits: {
    sessionLifespan: { seconds: hours(12), cite: 'ASVS 4.0.3 3.3.2 (L2)', level: 'required' },
    idleTimeout: { seconds: minutes(30), cite: 'ASVS 4.0.3 3.3.2 (L2)', level: 'required' },
  },
  requires: {
    cookiePrefix: common.cookiePrefix,
    revokeSessionsOnCredentialChange: { cite: 'ASVS 4.0.3 3.3.3', level: 'required' },
  },
  severity: {
    'session-cookie-prefix-missing': 'medium',
    'session-idle-timeout-missing': 'medium',
    'session-lifespan-too-long': 'high',
  },
}

export const asvs4L3: Profile = {
  id: 'asvs4-l3',
  title: 'OWASP ASVS 4.0.3 Level 3',
  source: common.source,
  limits: {
    sessionLifespan: { seconds: hours(12), cite: 'ASVS 4.0.3 3.3.2 (L3)', level: 'required' },
    idleTimeout: { seconds: minutes(15), cite: 'ASVS 4.0.3 3.3.2 (L3)', level: 'required' },
  },
  requires: {
    cookiePrefix: common.cookiePrefix,
    revokeSessionsOnCredentialChange: { cite: 'ASVS 4.0.3 3.3.3', level: 'required' },
    // 3.3.2 at L3: "12 hours or 15 minutes of inactivity, with 2FA".
    mfa: { cite: 'ASVS 4.0.3 3.3.2 (L3)', level: 'required' },
  },
  severity: {
    'session-cookie-prefix-missing': 'medium',
    'session-idle-timeout-missing': 'high',
    'session-lifespan-too-long': 'high',
    'mfa-not-enabled': 'high',
  },
}
