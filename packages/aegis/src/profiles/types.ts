/**
 * A policy profile is data: the limits a standard sets, each with the exact clause it comes from
 * (ids as ../shared/standards/STANDARDS.md writes them), and per-rule severity overrides.
 */
import type { Severity } from '../engine/finding.ts'

/** A cited requirement; `level` is the standard's own word (SHALL, SHOULD, required…). */
export interface Citation {
  readonly cite: string
  readonly level: 'SHALL' | 'SHOULD' | 'MUST' | 'required' | 'recommended' | 'project default'
}

/** A time limit in seconds; `seconds: null` means "required, but the standard sets no number". */
export interface Limit extends Citation {
  readonly seconds: number | null
}

export interface ProfileLimits {
  /** Absolute session lifetime (overall timeout). */
  readonly sessionLifespan?: Limit
  /** Inactivity timeout; Kratos has none, so any value here is a gap the guard closes. */
  readonly idleTimeout?: Limit
  /** Maximum age of the last authentication before sensitive changes. */
  readonly privilegedSessionMaxAge?: Limit
  /** Maximum lifetime of a self-service flow or a recovery/verification link or code. */
  readonly flowLifespan?: Limit
}

/** Multi-factor authentication as a standard asks for it. */
export interface MfaRequirement extends Citation {
  /**
   * One factor must be hardware-based and phishing-resistant (NIST SP 800-63B-4 AAL3, rev 3 AAL3
   * "verifier impersonation resistant", ASVS 5.0 6.3.3 at L3): TOTP and lookup secrets are
   * neither, so they do not satisfy the requirement on their own.
   */
  readonly phishingResistant?: true
}

export interface ProfileRequirements {
  readonly nonPersistentCookie?: Citation
  readonly cookiePrefix?: Citation & { readonly prefix: '__Host-' | '__Secure-' }
  readonly mfa?: MfaRequirement
  /** Secrets come from a secrets manager or the environment, never a file in the repository. */
  readonly injectedSecrets?: Citation
  readonly revokeSessionsOnCredentialChange?: Citation
  /**
   * A new session (id and token) on every authentication, re-authentication included, and the old
   * one ended. Kratos keeps the session through a refresh login and AAL step-up (FACTS.md §5.3).
   */
  readonly rotateOnReauthentication?: Citation
}

export interface Profile {
  readonly id: string
  readonly title: string
  /** The standard and version the numbers come from. */
  readonly source: string
  readonly limits: ProfileLimits
  readonly requires: ProfileRequirements
  /** Per-rule severity; `off` disables the rule under this profile. */
  readonly severity: Readonly<Partial<Record<string, Severity | 'off'>>>
}

export const hours = (n: number): number => n * 3600
export const minutes = (n: number): number => n * 60
export const days = (n: number): number => n * 86_400
