import { revokeSession } from './admin.ts'
import { clearCookie, deny, loginRedirect } from './decision.ts'
import type { ResolvedBinding } from './options.ts'
import type { CacheEntry, GuardState, PendingRevocation, SessionState } from './state.ts'
import { revocationTtl, tombstone } from './state.ts'
import { sameIpPrefix, userAgentFamily } from './traits.ts'
import type { ClientIp, DenyDecision, GuardRequest, KratosSession } from './types.ts'

type EndReason = 'idle-timeout' | 'absolute-timeout' | 'binding-mismatch'

/**
 * The checks that can end a session: a tombstone, the absolute cap from `authenticated_at`, the
 * idle timeout from the shared store, and client binding. Undefined means the session lives on.
 * Synchronous unless the store is due a sync or the session must be revoked, so a cache hit between
 * two activity writes costs no promise.
 */
export function sessionPolicy(
  state: GuardState,
  request: GuardRequest,
  key: string,
  entry: CacheEntry,
  session: KratosSession,
  now: number,
  clientIp: ClientIp,
): DenyDecision | undefined | Promise<DenyDecision | undefined> {
  const { options } = state
  const tombstone = state.tombstones.get(session.id)
  if (tombstone !== undefined) {
    if (tombstone !== true && now >= tombstone.retryAt)
      retryRevocation(state, session.id, tombstone, now)
    return ended(state, request, 'revoked')
  }
  if (options.absoluteMs !== undefined && now - entry.authenticatedAt >= options.absoluteMs) {
    return expire(state, request, key, entry, session, now, 'absolute-timeout')
  }
  if (options.idleMs !== undefined) {
    const known = state.sessions.get(session.id)
    if (known === undefined || now - known.syncedAt >= options.activityIntervalMs) {
      return syncThenBind(state, request, key, entry, session, now, clientIp)
    }
  }
  return checkBinding(state, request, key, entry, session, now, clientIp)
}

async function syncThenBind(
  state: GuardState,
  request: GuardRequest,
  key: string,
  entry: CacheEntry,
  session: KratosSession,
  now: number,
  clientIp: ClientIp,
): Promise<DenyDecision | undefined> {
  const { options } = state
  let synced: Awaited<ReturnType<typeof sync>>
  try {
    synced = await sync(state, session.id, entry, now)
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unknown error'
    options.onEvent?.({ type: 'error', where: 'store', message })
    return deny(options, {
      reason: 'store-unavailable',
      status: 503,
      headers: [['retry-after', '5']],
    })
  }
  if (synced === 'revoked') {
    // Another instance ended it (expiry or logout): a tombstone here denies later requests with
    // this credential from the cached verdict, without asking the store again.
    tombstone(state, session.id)
    return ended(state, request, 'revoked')
  }
  if (synced === 'idle') return expire(state, request, key, entry, session, now, 'idle-timeout')
  return checkBinding(state, request, key, entry, session, now, clientIp)
}

function checkBinding(
  state: GuardState,
  request: GuardRequest,
  key: string,
  entry: CacheEntry,
  session: KratosSession,
  now: number,
  clientIp: ClientIp,
): Promise<DenyDecision> | undefined {
  const binding = state.options.binding
  if (binding !== undefined && !bound(state, binding, request, session, clientIp)) {
    if (binding.action === 'revoke')
      return expire(state, request, key, entry, session, now, 'binding-mismatch')
  }
  return undefined
}

/** Reads the shared record, decides idleness, then records this activity (throttled, monotonic). */
function sync(
  state: GuardState,
  sessionId: string,
  entry: CacheEntry,
  now: number,
): Promise<SessionState | 'idle' | 'revoked'> {
  const pending = state.syncing.get(sessionId)
  if (pending !== undefined) return pending
  const run = (async (): Promise<SessionState | 'idle' | 'revoked'> => {
    const { store, idleMs = 0, activityIntervalMs } = state.options
    const record = await store.get(sessionId)
    if (record?.revokedAt !== undefined) return 'revoked'
    if (record !== null && now - record.lastActivity > idleMs) return 'idle'
    const touched = await store.touch(
      sessionId,
      now,
      recordTtl(entry, now, idleMs),
      activityIntervalMs,
    )
    // A mark written by another instance between our get and touch comes back here.
    if (touched.revokedAt !== undefined) return 'revoked'
    // When the store kept another instance's recent write instead of ours (throttled), count the
    // interval from that write: syncing again one interval after it bounds the activity the store
    // can miss to one interval across all instances, not one per instance.
    const known: SessionState = {
      syncedAt: Math.min(now, touched.lastActivity),
      lastActivity: touched.lastActivity,
    }
    state.sessions.set(sessionId, known)
    return known
  })().finally(() => state.syncing.delete(sessionId))
  state.syncing.set(sessionId, run)
  return run
}

/**
 * Records outlive the idle window up to the session's own expiry, so "no record" means "never seen
 * by any instance" and not "idle long ago" (a record that expired early would revive a session).
 */
function recordTtl(entry: CacheEntry, now: number, idleMs: number): number {
  const untilExpiry = Number.isFinite(entry.expiresAt) ? entry.expiresAt - now : 0
  return Math.ceil(Math.max(untilExpiry, idleMs) + idleMs)
}

function bound(
  state: GuardState,
  binding: ResolvedBinding,
  request: GuardRequest,
  session: KratosSession,
  clientIp: ClientIp,
): boolean {
  // Kratos records the creating client's address and agent in devices[] (FACTS.md §5.4).
  const device = session.devices?.[0]
  if (device === undefined) return true
  let trait: 'user-agent' | 'ip' | undefined
  if (
    binding.userAgent &&
    userAgentFamily(device.user_agent) !== userAgentFamily(request.headers.get('user-agent'))
  ) {
    trait = 'user-agent'
  } else if (binding.v4Bits !== undefined && device.ip_address !== undefined) {
    // Read only here: a framework's client address can cost more than the rest of a hit (Express'
    // req.ip walks X-Forwarded-For through proxy-addr).
    const ip = typeof clientIp === 'function' ? clientIp() : clientIp
    if (
      ip !== undefined &&
      !sameIpPrefix(device.ip_address, ip, binding.v4Bits, binding.v6Bits ?? 64)
    )
      trait = 'ip'
  }
  if (trait === undefined) return true
  state.options.onEvent?.({
    type: 'binding-mismatch',
    sessionId: session.id,
    trait,
    action: binding.action,
  })
  return false
}

/**
 * Ends a session for good: local tombstone, a once-across-instances mark in the store, then one
 * admin revocation (`DELETE /admin/sessions/{id}`, FACTS.md §6.3) by whichever instance got there
 * first, so the `kratos-admin-low` rate limit sees one call per session (ANCHORS §3).
 */
async function expire(
  state: GuardState,
  request: GuardRequest,
  key: string,
  entry: CacheEntry,
  session: KratosSession,
  now: number,
  reason: EndReason,
): Promise<DenyDecision> {
  const { options } = state
  const firstHere = state.tombstones.get(session.id) === undefined
  tombstone(state, session.id)
  state.cache.delete(key)
  let first = firstHere
  try {
    first = await options.store.markRevoked(session.id, now, revocationTtl(entry.expiresAt, now))
  } catch (error) {
    // The admin revocation is idempotent (204, or 404 when gone): better twice than never.
    const message = error instanceof Error ? error.message : 'unknown error'
    options.onEvent?.({ type: 'error', where: 'store', message })
  }
  if (first) {
    const ok = await revokeSession(options, session.id)
    options.onEvent?.({ type: 'revoked', sessionId: session.id, reason, ok })
    // Kratos did not confirm (down, 429, 5xx): the store's mark keeps every instance denying, and
    // this instance, the one that owes the call, tries again when the session shows up again.
    if (!ok) state.tombstones.set(session.id, { reason, retryAt: now + REVOKE_RETRY_MS })
  }
  return ended(state, request, reason)
}

/** Between two tries of an unconfirmed admin revocation (`kratos-admin-low` allows 5–35 rps). */
const REVOKE_RETRY_MS = 30_000

/** One more try, in the background: the request is denied either way. */
function retryRevocation(
  state: GuardState,
  sessionId: string,
  pending: PendingRevocation,
  now: number,
): void {
  const { options } = state
  state.tombstones.set(sessionId, { ...pending, retryAt: now + REVOKE_RETRY_MS })
  void revokeSession(options, sessionId)
    .then((ok) => {
      if (ok) state.tombstones.set(sessionId, true)
      options.onEvent?.({ type: 'revoked', sessionId, reason: pending.reason, ok })
    })
    // Nothing awaits this promise: an onEvent that throws must not become an unhandled rejection.
    .catch(() => undefined)
}

function ended(
  state: GuardState,
  request: GuardRequest,
  reason: EndReason | 'revoked',
): DenyDecision {
  const { options } = state
  const headers = [clearCookie(options, request)]
  const redirect = options.isBrowser(request) ? loginRedirect(options, request) : undefined
  return deny(options, { reason, status: 401, headers, redirect })
}
