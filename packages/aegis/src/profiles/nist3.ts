import { hours, minutes, type Profile } from './types.ts'

/**
 * NIST SP 800-63B rev 3 (2017), STANDARDS.md §1.3. Still quoted by many policies: SHALL 12 h
 * overall and 30 min (AAL2) / 15 min (AAL3) inactivity, and non-persistent session secrets.
 */
const source = 'NIST SP 800-63B (rev 3)'
const nonPersistent = { cite: 'NIST SP 800-63B §7.2', level: 'SHALL' } as const
const shallSeverity = {
  'session-idle-timeout-missing': 'high',
  'session-lifespan-too-long': 'high',
  'session-cookie-persistent': 'medium',
  'mfa-not-enabled': 'high',
} as const

export const nist3Aal2: Profile = {
  id: 'nist3-aal2',
  title: 'NIST SP 800-63B rev 3 AAL2',
  source,
  limits: {
    sessionLifespan: { seconds: hours(12), cite: 'NIST SP 800-63B §4.2.3', level: 'SHALL' },
    idleTimeout: { seconds: minutes(30), cite: 'NIST SP 800-63B §4.2.3', level: 'SHALL' },
  },
  requires: {
    nonPersistentCookie: nonPersistent,
    mfa: { cite: 'NIST SP 800-63B §4.2', level: 'SHALL' },
  },
  severity: shallSeverity,
}

export const nist3Aal3: Profile = {
  id: 'nist3-aal3',
  title: 'NIST SP 800-63B rev 3 AAL3',
  source,
  limits: {
    sessionLifespan: { seconds: hours(12), cite: 'NIST SP 800-63B §4.3.3', level: 'SHALL' },
    idleTimeout: { seconds: minutes(15), cite: 'NIST SP 800-63B §4.3.3', level: 'SHALL' },
  },
  requires: {
    nonPersistentCookie: nonPersistent,
    // STANDARDS.md §1.10: AAL3 needs a hardware authenticator that resists verifier impersonation.
    mfa: {
      cite: 'NIST SP 800-63B §4.3 (hardware, verifier-impersonation resistant)',
      level: 'SHALL',
      phishingResistant: true,
    },
  },
  severity: shallSeverity,
}
