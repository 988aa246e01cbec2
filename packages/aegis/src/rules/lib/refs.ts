/** Reference sets shared by several rules; ids exactly as STANDARDS.md writes them. */
import type { References } from '../../engine/finding.ts'

/**
 * A cookie rule's references: the ASVS requirements about the attribute it checks (each rule names
 * its own), with what every cookie rule shares, SP 800-63B-4 §5.1.1 (browser cookies: HTTPS only,
 * minimal hosts and paths, `__Host-`, SameSite) and WSTG-SESS-02 (cookie attributes).
 */
export const cookieRefs = (
  refs: Pick<References, 'asvs4' | 'asvs5'> & Partial<References>,
): References => ({
  nist: ['SP 800-63B-4 §5.1.1'],
  wstg: ['WSTG-SESS-02'],
  ...refs,
})

/** Reasons several rules give for a standard they cite no id of (RuleMeta.unmapped). */
export const unmappedReasons = {
  pciCookies: 'PCI DSS v4.0.1 sets no requirement on cookie attributes',
  pciLifetime: 'PCI DSS v4.0.1 sets no absolute session lifetime (8.2.8 is an idle limit)',
  pciTransport:
    'the nearest PCI DSS v4.0.1 requirement, 8.3.2 (authentication factors unreadable in transit), is outside the requirements aegis maps (8.2.8, 8.4.1, 8.4.2, 8.5.1)',
  nistKeys:
    "SP 800-63B covers subscriber authenticators and session secrets, not the server's signing and encryption keys",
  pciKeys:
    'PCI DSS v4.0.1 key management (Requirements 3.6 and 3.7) covers keys that protect account data, not these keys',
  wstgKeys: 'no WSTG session test (WSTG-SESS-01 to -11) can see server-side keys',
} as const
