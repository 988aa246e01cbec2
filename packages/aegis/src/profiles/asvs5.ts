import type { Profile } from './types.ts'

/**
 * OWASP ASVS 5.0.0 (STANDARDS.md §1.2) removed the numeric timeouts: limits must exist and be
 * documented against SP 800-63B (7.1.1, 7.3.1, 7.3.2). Kratos has no inactivity timeout at all,
 * so 7.3.1 is a gap at L2 and L3 whatever the numbers.
 */
const source = 'OWASP ASVS 5.0.0'

export const asvs5L1: Profile = {
  id: 'asvs5-l1',
  title: 'OWASP ASVS 5.0.0 Level 1',
  source,
  limits: {},
  requires: {
    // 3.3.1 (L1): Secure, and __Secure- when not __Host-.
    cookiePrefix: { prefix: '__Secure-', cite: 'ASVS 5.0 3.3.1', level: 'required' },
    // 7.2.4 (L1): a new token on every authentication, re-authentication included.
    rotateOnReauthentication: { cite: 'ASVS 5.0 7.2.4', level: 'required' },
  },
  severity: { 'session-cookie-prefix-missing': 'medium' },
}

const l2: Profile = {
  id: 'asvs5-l2',
  title: 'OWASP ASVS 5.0.0 Level 2',
  source,
  limits: {
    idleTimeout: { seconds: null, cite: 'ASVS 5.0 7.3.1', level: 'required' },
    sessionLifespan: { seconds: null, cite: 'ASVS 5.0 7.3.2', level: 'required' },
  },
  requires: {
    cookiePrefix: { prefix: '__Host-', cite: 'ASVS 5.0 3.3.3', level: 'required' },
    revokeSessionsOnCredentialChange: { cite: 'ASVS 5.0 7.4.3', level: 'required' },
    mfa: { cite: 'ASVS 5.0 6.3.3', level: 'required' },
    injectedSecrets: { cite: 'ASVS 5.0 13.3.1', level: 'required' },
    rotateOnReauthentication: { cite: 'ASVS 5.0 7.2.4', level: 'required' },
  },
  severity: {
    'session-cookie-prefix-missing': 'medium',
    'session-idle-timeout-missing': 'medium',
    'secret-in-plain-file': 'medium',
    'mfa-not-enabled': 'high',
  },
}

export const asvs5L2: Profile = l2

export const asvs5L3: Profile = {
  ...l2,
  id: 'asvs5-l3',
  title: 'OWASP ASVS 5.0.0 Level 3',
  requires: {
    ...l2.requires,
    // 6.3.3 at L3: one factor hardware-based and phishing-resistant.
    mfa: {
      cite: 'ASVS 5.0 6.3.3 (L3: hardware, phishing-resistant)',
      level: 'required',
      phishingResistant: true,
    },
  },
  severity: { ...l2.severity, 'session-idle-timeout-missing': 'high' },
}
