/**
 * Shapes of the probe: a check is `defineCheck({ id, meta, run })`, run with a context that holds
 * the only client allowed to reach the target. Outcomes are pass, fail, error or skipped: never a
 * guess.
 */
import type { Concern, Evidence, References, Severity } from '../engine/finding.ts'
import type { Profile } from '../profiles/index.ts'
import type { ProbeClient } from './client.ts'

export type Requirement = 'admin' | 'app' | 'identity' | 'browser'

export interface CheckMeta {
  readonly title: string
  readonly description: string
  readonly severity: Severity
  readonly concern: Concern
  /** The Kratos key or behaviour the check is about (`session.cookie.same_site`). */
  readonly key: string
  readonly references: References
  /** Changes state on the target (revokes sessions, changes credentials): needs --allow-intrusive. */
  readonly intrusive: boolean
  readonly requires: readonly Requirement[]
}

export interface CheckResult {
  readonly outcome: 'pass' | 'fail' | 'error' | 'skipped'
  readonly message: string
  /** Overrides meta.key when the result is about a narrower key. */
  readonly key?: string
  /** Overrides meta.severity for this result (for example per profile). */
  readonly severity?: Severity
  readonly evidence?: readonly Evidence[]
}

export interface Target {
  readonly publicUrl: URL
  readonly adminUrl?: URL
  readonly appUrl?: URL
}

export interface ProbeIdentity {
  readonly id: string | undefined
  readonly identifier: string
  readonly password: string
}

/** A logged-in session the probe made; the runner revokes it at the end. */
export interface ProbeSession {
  readonly id: string
  /** `ory_st_…` for API logins; absent for browser logins. */
  readonly token?: string
  /** The session cookie as `name=value`, for browser logins. */
  readonly cookie?: string
  /** Raw `Set-Cookie` header of the session cookie, for browser logins. */
  readonly setCookie?: string
  readonly session: Readonly<Record<string, unknown>>
}

export interface BrowserHandle {
  /** Launches (once) the system Chromium; the runner closes it. */
  readonly launch: () => Promise<unknown>
  /** Closes the browser if it was launched; the runner calls it at the end, whatever happened. */
  readonly close?: () => Promise<void>
  /**
   * Closes every open context (pages, cookies) but keeps the browser: the runner calls it when a
   * check runs out of time, so the check's pending browser calls fail and its cleanup runs.
   */
  readonly closeContexts?: () => Promise<void>
}

export interface CheckContext {
  readonly target: Target
  readonly http: ProbeClient
  readonly identity: ProbeIdentity | undefined
  readonly profile: Profile
  readonly signal: AbortSignal
  /** Logs in through the API flow (token) or the browser flow (cookie). */
  readonly login: (kind: 'api' | 'browser') => Promise<ProbeSession>
  readonly browser?: BrowserHandle
  /** The application's idle timeout in seconds, as configured in its guard (--app-idle-timeout). */
  readonly appIdleTimeout?: number
  /** Where the application signs users in and out (--app-login-path, --app-logout-path). */
  readonly appLoginPath?: string
  readonly appLogoutPath?: string
  /** Hands a session the check opened itself (a browser login) to the runner's cleanup. */
  readonly remember?: (session: ProbeSession) => void
}

export interface Check {
  readonly id: string
  readonly meta: CheckMeta
  readonly run: (ctx: CheckContext) => Promise<CheckResult>
}
