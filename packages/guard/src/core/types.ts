import type { SessionStore } from '../stores/types.ts'
import type { Duration } from './duration.ts'

export type Aal = 'aal0' | 'aal1' | 'aal2' | 'aal3'

/** The parts of Kratos' session JSON the guard reads (FACTS.md §6.2); the rest passes through. */
export interface KratosSession {
  readonly id: string
  readonly active?: boolean
  readonly expires_at?: string
  readonly authenticated_at?: string
  readonly issued_at?: string
  readonly authenticator_assurance_level?: Aal
  readonly identity?: { readonly id: string; readonly [key: string]: unknown }
  readonly devices?: readonly {
    readonly ip_address?: string
    readonly user_agent?: string
    readonly [key: string]: unknown
  }[]
  readonly [key: string]: unknown
}

/**
 * The least the guard needs from a request. A Web `Request` fits; adapters for Node frameworks pass
 * a light view with a lazy `url` instead of building a `Request` on every call.
 */
export interface GuardRequest {
  readonly url: string
  readonly headers: { get(name: string): string | null }
}

export type Header = readonly [name: string, value: string]

export type DenyReason =
  | 'missing-credential'
  | 'malformed-credential'
  | 'invalid-session'
  | 'idle-timeout'
  | 'absolute-timeout'
  | 'aal-required'
  | 'reauthentication-required'
  | 'binding-mismatch'
  | 'revoked'
  | 'kratos-unavailable'
  | 'store-unavailable'

export type GuardDecision =
  | { readonly type: 'allow'; readonly session: KratosSession; readonly headers: readonly Header[] }
  | {
      readonly type: 'deny'
      readonly status: number
      readonly reason: DenyReason
      readonly headers: readonly Header[]
      readonly redirect?: string
    }

export type DenyDecision = Extract<GuardDecision, { type: 'deny' }>

/** A decision now when it needs no I/O (a cache hit with no store write due), else a promise. */
export type MaybeDecision = GuardDecision | Promise<GuardDecision>

/**
 * The client's address as the framework trusts it, or a function the guard calls only when IP
 * binding needs it (reading it can cost more than a whole cache hit).
 */
export type ClientIp = string | (() => string | undefined) | undefined

/** Per-route policy; overrides the guard's defaults for this check only. */
export interface RouteOptions {
  readonly requiredAal?: 'aal1' | 'aal2' | 'aal3'
  /** Sensitive actions: the last authentication must be at most this old. */
  readonly maxAuthAge?: Duration
}

export type GuardEvent =
  | { readonly type: 'allowed'; readonly sessionId: string; readonly cached: boolean }
  | { readonly type: 'denied'; readonly reason: DenyReason; readonly status: number }
  | { readonly type: 'cache-hit' }
  | { readonly type: 'cache-miss' }
  | { readonly type: 'stale-served'; readonly upstream: number | 'error' | 'timeout' }
  | {
      readonly type: 'whoami'
      readonly status: number | 'error' | 'timeout'
      readonly durationMs: number
    }
  | {
      readonly type: 'revoked'
      readonly sessionId: string
      readonly reason: 'idle-timeout' | 'absolute-timeout' | 'binding-mismatch'
      readonly ok: boolean
    }
  | {
      readonly type: 'binding-mismatch'
      readonly sessionId: string
      readonly trait: 'user-agent' | 'ip'
      readonly action: 'log' | 'revoke'
    }
  | {
      readonly type: 'error'
      readonly where: 'store' | 'admin' | 'logout'
      readonly message: string
    }

export interface BindingOptions {
  readonly userAgent?: boolean
  /** Compare the client address with the one Kratos recorded, on this many leading bits. */
  readonly ipPrefix?: { readonly v4?: number; readonly v6?: number } | boolean
  readonly action: 'log' | 'revoke'
}

export interface GuardOptions {
  /** Kratos' public base URL (whoami, logout). */
  readonly kratosUrl: string
  /** Kratos' admin base URL (revocation); without it the guard denies but cannot revoke upstream. */
  readonly kratosAdminUrl?: string
  /** Extra headers for admin calls (Ory Network: `Authorization: Bearer <API key>`). */
  readonly adminHeaders?: Readonly<Record<string, string>>
  readonly cookie?: { readonly name?: string; readonly domain?: string; readonly path?: string }
  /** Where browsers log in; default `<kratosUrl>/self-service/login/browser`. */
  readonly loginUrl?: string
  readonly fetch?: typeof fetch
  /** Per whoami or admin call; default 2s. */
  readonly timeout?: Duration
  /** Upper bound for caching a whoami verdict; default 30s (Ory's edge guidance: 30–60s). */
  readonly cacheTtl?: Duration
  readonly cacheMaxEntries?: number
  /** How long past its TTL a verdict may be served while Kratos answers 429/5xx; default 60s. */
  readonly staleGrace?: Duration
  readonly store?: SessionStore
  /**
   * The guard's own deadline on each store call (`get`, `touch`, `markRevoked`, `delete`; not
   * `close`); past it the request gets 503 `store-unavailable`. Default 1s. `false` turns it off,
   * for a store whose client bounds every call itself; 0 is refused rather than read as "off".
   */
  readonly storeTimeout?: Duration | false
  readonly idleTimeout?: Duration
  /** Store writes per session at most this often; default min(60s, idleTimeout / 10). */
  readonly activityCheckInterval?: Duration
  readonly absoluteTimeout?: Duration
  readonly requiredAal?: 'aal1' | 'aal2' | 'aal3'
  readonly maxAuthAge?: Duration
  readonly binding?: BindingOptions
  /** Whether a denied request gets a redirect; default: it accepts text/html and sent no token. */
  readonly isBrowser?: (request: GuardRequest) => boolean
  readonly onEvent?: (event: GuardEvent) => void
  /** Clock in epoch ms; tests inject one. */
  readonly now?: () => number
}
