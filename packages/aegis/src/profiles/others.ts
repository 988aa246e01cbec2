import { hours, minutes, type Profile } from './types.ts'

/** PCI DSS v4.0.1 (STANDARDS.md §1.5): a 15-minute idle limit and MFA into the CDE; no absolute limit. */
export const pciDss4: Profile = {
  id: 'pci-dss-4',
  title: 'PCI DSS v4.0.1',
  source: 'PCI DSS v4.0.1',
  limits: {
    idleTimeout: { seconds: minutes(15), cite: 'PCI DSS 8.2.8', level: 'required' },
  },
  requires: { mfa: { cite: 'PCI DSS 8.4.2', level: 'required' } },
  severity: { 'session-idle-timeout-missing': 'high', 'mfa-not-enabled': 'high' },
}

/** OWASP Session Management Cheat Sheet, high-value applications (STANDARDS.md §1.6). */
export const owaspHighValue: Profile = {
  id: 'owasp-high-value',
  title: 'OWASP Session Management Cheat Sheet, high-value application',
  source: 'OWASP Session Management Cheat Sheet',
  limits: {
    // "4–8 hours for an office-worker app": the upper end.
    sessionLifespan: {
      seconds: hours(8),
      cite: 'OWASP Session Management Cheat Sheet',
      level: 'recommended',
    },
    // "2–5 minutes for high-value applications": the upper end.
    idleTimeout: {
      seconds: minutes(5),
      cite: 'OWASP Session Management Cheat Sheet',
      level: 'recommended',
    },
    privilegedSessionMaxAge: {
      seconds: minutes(5),
      cite: 'OWASP Session Management Cheat Sheet (reauthenticate after risk events)',
      level: 'recommended',
    },
  },
  requires: {
    nonPersistentCookie: { cite: 'OWASP Session Management Cheat Sheet', level: 'recommended' },
    cookiePrefix: {
      prefix: '__Host-',
      cite: 'OWASP Session Management Cheat Sheet',
      level: 'recommended',
    },
    revokeSessionsOnCredentialChange: {
      cite: 'OWASP Session Management Cheat Sheet',
      level: 'recommended',
    },
  },
  severity: {
    'session-idle-timeout-missing': 'high',
    'session-lifespan-too-long': 'high',
    'session-cookie-persistent': 'medium',
    'session-cookie-prefix-missing': 'medium',
  },
}
