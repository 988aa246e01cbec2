import type { Lru } from './lru.ts'
import { createLru } from './lru.ts'
import type { ResolvedOptions } from './options.ts'
import type { KratosSession } from './types.ts'
import type { Upstream, WhoamiOutcome } from './whoami.ts'

/** A whoami verdict in the L1 cache, with the session's times parsed once. */
export interface CacheEntry {
  readonly outcome: Exclude<WhoamiOutcome, { kind: 'unavailable' }>
  readonly freshUntil: number
  readonly staleUntil: number
  readonly authenticatedAt: number
  readonly expiresAt: number
}

/** What this instance last learnt from the store about one session (throttles store calls). */
export interface SessionState {
  readonly syncedAt: number
  readonly lastActivity: number
}

export type Lookup =
  | { readonly entry: CacheEntry; readonly setCookies: readonly string[]; readonly stale: boolean }
  | {
      readonly entry: undefined
      readonly upstream: Upstream
      readonly retryAfter: string | undefined
    }

/** An admin revocation Kratos did not confirm: retried when the session shows up again. */
export interface PendingRevocation {
  readonly reason: 'idle-timeout' | 'absolute-timeout' | 'binding-mismatch'
  /** Not before this time (the guard's clock), so a Kratos outage sees one call per interval. */
  readonly retryAt: number
}

export interface GuardState {
  readonly options: ResolvedOptions
  /** Keyed by SHA-256 of the credential, never the credential (CWE-312). */
  readonly cache: Lru<CacheEntry>
  /** One whoami per credential at a time: concurrent misses share it. */
  readonly inflight: Map<string, Promise<Lookup>>
  readonly sessions: Lru<SessionState>
  readonly syncing: Map<string, Promise<SessionState | 'idle' | 'revoked'>>
  /**
   * Sessions this instance ended; Edge Sessions may report them active for a while (ANCHORS §2.2).
   * A pending revocation is one this instance owed Kratos and could not deliver yet.
   */
  readonly tombstones: Lru<true | PendingRevocation>
}

export function createState(options: ResolvedOptions): GuardState {
  return {
    options,
    cache: createLru(options.cacheMaxEntries),
    inflight: new Map(),
    sessions: createLru(options.cacheMaxEntries),
    syncing: new Map(),
    tombstones: createLru(options.cacheMaxEntries),
  }
}

/** This instance treats the session as ended: a tombstone, and no activity state kept for it. */
export function tombstone(state: GuardState, sessionId: string): void {
  state.tombstones.set(sessionId, true)
  state.sessions.delete(sessionId)
}

/**
 * How long a revocation mark lives in the store: the session's own expiry plus a minute, or a day
 * when the expiry is unknown.
 */
export function revocationTtl(expiresAt: number, now: number): number {
  return Number.isFinite(expiresAt) ? Math.ceil(Math.max(expiresAt - now, 0) + 60_000) : 86_400_000
}

export function sessionOf(entry: CacheEntry | undefined): KratosSession | undefined {
  return entry?.outcome.kind === 'session' ? entry.outcome.session : undefined
}

export function timeOf(value: unknown, fallback: number): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  return Number.isNaN(ms) ? fallback : ms
}
