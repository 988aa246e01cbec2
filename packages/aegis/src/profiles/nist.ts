import { days, hours, minutes, type Profile } from './types.ts'

/** NIST SP 800-63B-4 (2025), STANDARDS.md §1.4: overall and inactivity timeouts per AAL. */
const source = 'NIST SP 800-63B-4'
const nonPersistent = { cite: 'NIST SP 800-63B-4 §5.1', level: 'SHOULD' } as const
const prefix = { prefix: '__Host-', cite: 'NIST SP 800-63B-4 §5.1.1', level: 'SHOULD' } as const

export const nistAal1: Profile = {
  id: 'nist-aal1',
  title: 'NIST SP 800-63B-4 AAL1',
  source,
  limits: {
    sessionLifespan: { seconds: days(30), cite: 'NIST SP 800-63B-4 §2.1.3', level: 'SHOULD' },
  },
  requires: { nonPersistentCookie: nonPersistent, cookiePrefix: prefix },
  severity: { 'session-idle-timeout-missing': 'off' },
}

export const nistAal2: Profile = {
  id: 'nist-aal2',
  title: 'NIST SP 800-63B-4 AAL2',
  source,
  limits: {
    sessionLifespan: { seconds: hours(24), cite: 'NIST SP 800-63B-4 §2.2.3', level: 'SHOULD' },
    idleTimeout: { seconds: hours(1), cite: 'NIST SP 800-63B-4 §2.2.3', level: 'SHOULD' },
  },
  requires: {
    nonPersistentCookie: nonPersistent,
    cookiePrefix: prefix,
    mfa: { cite: 'NIST SP 800-63B-4 §2.2', level: 'SHALL' },
  },
  severity: { 'session-idle-timeout-missing': 'medium', 'mfa-not-enabled': 'high' },
}

export const nistAal3: Profile = {
  id: 'nist-aal3',
  title: 'NIST SP 800-63B-4 AAL3',
  source,
  limits: {
    sessionLifespan: { seconds: hours(12), cite: 'NIST SP 800-63B-4 §2.3.3', level: 'SHALL' },
    idleTimeout: { seconds: minutes(15), cite: 'NIST SP 800-63B-4 §2.3.3', level: 'SHOULD' },
  },
  requires: {
    nonPersistentCookie: nonPersistent,
    cookiePrefix: prefix,
    mfa: {
      cite: 'NIST SP 800-63B-4 §2.3 (hardware, phishing-resistant)',
      level: 'SHALL',
      phishingResistant: true,
    },
  },
  severity: {
    'session-idle-timeout-missing': 'medium',
    'session-lifespan-too-long': 'high',
    'mfa-not-enabled': 'high',
  },
}
