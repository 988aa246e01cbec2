import type { Credential } from './credential.ts'
import type { CacheEntry, GuardState, Lookup } from './state.ts'
import { timeOf } from './state.ts'
import { callWhoami } from './whoami.ts'

/**
 * The verdict for a credential on a cache miss: one whoami shared by every concurrent request with
 * the same credential (single flight), cached for min(cacheTtl, Ory-Session-Cache-For, time to
 * expiry). When Kratos is unavailable, a verdict within the grace window is served instead.
 */
export function lookup(state: GuardState, key: string, credential: Credential): Promise<Lookup> {
  const pending = state.inflight.get(key)
  if (pending !== undefined) return pending
  const started = fetchVerdict(state, key, credential).finally(() => state.inflight.delete(key))
  state.inflight.set(key, started)
  return started
}

async function fetchVerdict(
  state: GuardState,
  key: string,
  credential: Credential,
): Promise<Lookup> {
  const { options } = state
  const outcome = await callWhoami(options, credential)
  const now = options.now()
  if (outcome.kind === 'unavailable') {
    const stale = state.cache.get(key)
    // A 429 or 5xx is Kratos' trouble, not the user's: keep the last verdict (ANCHORS §3, better-auth#977).
    if (stale !== undefined && stale.staleUntil > now) {
      options.onEvent?.({ type: 'stale-served', upstream: outcome.upstream })
      return { entry: stale, setCookies: [], stale: true }
    }
    return { entry: undefined, upstream: outcome.upstream, retryAfter: outcome.retryAfter }
  }
  const session = outcome.kind === 'session' ? outcome.session : undefined
  const expiresAt = timeOf(session?.expires_at, Number.POSITIVE_INFINITY)
  const ttl = Math.max(
    0,
    Math.min(options.cacheTtlMs, outcome.cacheForMs ?? Number.POSITIVE_INFINITY, expiresAt - now),
  )
  const entry: CacheEntry = {
    outcome,
    freshUntil: now + ttl,
    staleUntil: Math.min(now + ttl + options.staleGraceMs, expiresAt),
    authenticatedAt: timeOf(session?.authenticated_at, 0),
    expiresAt,
  }
  // Kept past its TTL (but never past expires_at) only to be served while Kratos is unavailable.
  if (entry.staleUntil > now) state.cache.set(key, entry)
  else state.cache.delete(key)
  return { entry, setCookies: outcome.kind === 'session' ? outcome.setCookies : [], stale: false }
}

/** A cached verdict still fresh at `now`, or undefined (then the caller looks it up). */
export function freshEntry(state: GuardState, key: string, now: number): CacheEntry | undefined {
  const entry = state.cache.get(key)
  return entry !== undefined && entry.freshUntil > now ? entry : undefined
}
