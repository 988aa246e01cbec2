import { listIdentitySessions, revokeIdentitySessions } from './admin.ts'
import type { Credential } from './credential.ts'
import { extractCredential, isWellFormed, keyMaterial } from './credential.ts'
import { clearCookie } from './decision.ts'
import { sha256Hex } from './hash.ts'
import type { GuardState } from './state.ts'
import { revocationTtl, sessionOf, timeOf, tombstone } from './state.ts'
import type { GuardRequest, Header } from './types.ts'
import { callWhoami } from './whoami.ts'

/** Store calls in flight at once when marking an identity's sessions. */
const MARK_CONCURRENCY = 16

/** What to answer after a logout: a redirect (browsers) or a status, with cookies to set. */
export interface LogoutResult {
  readonly ok: boolean
  readonly status: number
  readonly headers: readonly Header[]
  readonly redirect?: string
}

/**
 * Browser logout through Kratos' flow (FACTS.md §6.1): `GET /self-service/logout/browser` gives the
 * logout token, `GET /self-service/logout?token=` revokes the session and deletes the cookie. The
 * token is sent to the configured Kratos URL rather than following `logout_url`, whose host is
 * Kratos' public base URL and may not be reachable (or trusted) from the server.
 */
export async function logoutBrowser(
  state: GuardState,
  request: GuardRequest,
  returnTo: string | undefined,
): Promise<LogoutResult> {
  const { options } = state
  const credential = extractCredential(request, options.cookieName)
  const headers: Header[] = [clearCookie(options, request)]
  const done = (ok: boolean, status: number): LogoutResult =>
    ok && returnTo !== undefined
      ? { ok, status: 303, headers: [...headers, ['location', returnTo]], redirect: returnTo }
      : { ok, status, headers }
  if (credential === 'missing' || credential.kind !== 'cookie' || !isWellFormed(credential)) {
    return done(true, 204)
  }
  // The flow sends the cookie alone, so Kratos ends the cookie's session, never the one of a Bearer
  // token beside it (which whoami falls back to when the cookie does not decode). The guard looks
  // up and marks with the cookie alone too: it must not mark a session this logout leaves active
  // in Kratos (other instances would deny it while Kratos honours it, and the caller would read
  // ok: true as that session ended).
  await revokeCredential(state, { kind: 'cookie', value: credential.value })
  const cookie = { cookie: `${options.cookieName}=${credential.value}`, accept: 'application/json' }
  try {
    const flow = await kratos(state, '/self-service/logout/browser', { headers: cookie })
    // 401: the session is already over, which is what the user asked for.
    if (flow.status === 401) return done(true, 204)
    const token = ((await flow.json()) as { logout_token?: unknown }).logout_token
    if (flow.status !== 200 || typeof token !== 'string') return done(false, 502)
    const logout = await kratos(state, `/self-service/logout?token=${encodeURIComponent(token)}`, {
      headers: cookie,
    })
    await logout.body?.cancel()
    for (const value of logout.headers.getSetCookie()) headers.push(['set-cookie', value])
    return done(logout.status === 204 || logout.status === 303, logout.ok ? 204 : 502)
  } catch {
    options.onEvent?.({
      type: 'error',
      where: 'logout',
      message: 'Kratos unreachable during logout',
    })
    return done(false, 503)
  }
}

/** Native logout, `DELETE /self-service/logout/api`: 204 also when already revoked (FACTS.md §6.1). */
export async function logoutApi(state: GuardState, token: string): Promise<LogoutResult> {
  const credential: Credential = { kind: 'token', value: token }
  if (!isWellFormed(credential)) return { ok: false, status: 401, headers: [] }
  await revokeCredential(state, credential)
  try {
    const response = await kratos(state, '/self-service/logout/api', {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ session_token: token }),
    })
    await response.body?.cancel()
    if (response.status === 204) return { ok: true, status: 204, headers: [] }
    return {
      ok: false,
      status: response.status === 403 || response.status === 400 ? 401 : 502,
      headers: [],
    }
  } catch {
    state.options.onEvent?.({
      type: 'error',
      where: 'logout',
      message: 'Kratos unreachable during logout',
    })
    return { ok: false, status: 503, headers: [] }
  }
}

/**
 * "Log out everywhere": `DELETE /admin/identities/{id}/sessions` (FACTS.md §6.3). Every session this
 * instance has cached is tombstoned at once; then the identity's active sessions are listed
 * (`GET /admin/identities/{id}/sessions?active=true`), Kratos deletes them, and each one listed or
 * cached is marked revoked in the store, so other instances deny them at their next activity check
 * (with `idleTimeout`). When the listing fails, Kratos still revokes the sessions and an error
 * event says that other instances learn of it only when their cache entries expire. Returns
 * whether Kratos confirmed the revocation.
 */
export async function logoutEverywhere(state: GuardState, identityId: string): Promise<boolean> {
  const { options } = state
  const ended = new Map<string, number>()
  state.cache.deleteWhere((entry) => {
    const session = sessionOf(entry)
    if (session?.identity?.id !== identityId) return false
    ended.set(session.id, entry.expiresAt)
    return true
  })
  // Before the first await: a request here while Kratos is listing or deleting misses the cache,
  // and whoami still calls the session active; the tombstone denies it.
  for (const id of ended.keys()) tombstone(state, id)
  const listing = await listIdentitySessions(options, identityId)
  if (listing === undefined || !listing.complete) {
    options.onEvent?.({
      type: 'error',
      where: 'admin',
      message:
        listing === undefined
          ? "could not list the identity's sessions: other instances drop them only when their cache entries expire"
          : `listed only the first ${listing.sessions.length} of the identity's sessions: other instances drop the rest only when their cache entries expire`,
    })
  }
  for (const session of listing?.sessions ?? []) {
    if (!ended.has(session.id)) ended.set(session.id, session.expiresAt)
  }
  // Kratos first, then the store: the marks only tell other instances, and a slow store (up to
  // storeTimeout per batch of MARK_CONCURRENCY) must not hold back the revocation itself.
  const revoked = await revokeIdentitySessions(options, identityId)
  const now = options.now()
  const all = [...ended]
  let failed = 0
  for (let i = 0; i < all.length; i += MARK_CONCURRENCY) {
    const marks = all
      .slice(i, i + MARK_CONCURRENCY)
      .map(([id, expiresAt]) => markEnded(state, id, expiresAt, now))
    for (const ok of await Promise.all(marks)) if (!ok) failed += 1
  }
  if (failed > 0) {
    options.onEvent?.({
      type: 'error',
      where: 'store',
      message: `could not mark ${failed} of ${all.length} sessions revoked`,
    })
  }
  return revoked
}

/**
 * Ends a credential's session for every instance sharing the store: this instance drops its
 * verdict and keeps a tombstone, and the store gets a revocation mark, which other instances read
 * at their next activity check. (Deleting the store record instead would read as "never seen", and
 * they would keep their cached verdict.) The session id comes from the cache, or from one whoami
 * when this instance has not seen the credential.
 */
async function revokeCredential(state: GuardState, credential: Credential): Promise<void> {
  const { options } = state
  const hashed = sha256Hex(keyMaterial(credential))
  const key = typeof hashed === 'string' ? hashed : await hashed
  const entry = state.cache.get(key)
  state.cache.delete(key)
  let session = sessionOf(entry)
  let expiresAt = entry?.expiresAt ?? Number.POSITIVE_INFINITY
  if (entry === undefined) {
    const outcome = await callWhoami(options, credential)
    if (outcome.kind === 'session') {
      session = outcome.session
      expiresAt = timeOf(session.expires_at, Number.POSITIVE_INFINITY)
    } else if (outcome.kind === 'unavailable') {
      // No session id, so no mark: other instances keep their verdicts until their cache expires.
      options.onEvent?.({
        type: 'error',
        where: 'logout',
        message: 'could not mark a session revoked',
      })
      return
    }
  }
  if (session === undefined) return
  if (!(await markEnded(state, session.id, expiresAt, options.now()))) {
    options.onEvent?.({
      type: 'error',
      where: 'store',
      message: 'could not mark a session revoked',
    })
  }
}

/** Tombstone here, revocation mark in the store until the session's expiry plus a margin. */
async function markEnded(
  state: GuardState,
  sessionId: string,
  expiresAt: number,
  now: number,
): Promise<boolean> {
  tombstone(state, sessionId)
  try {
    await state.options.store.markRevoked(sessionId, now, revocationTtl(expiresAt, now))
    return true
  } catch {
    return false
  }
}

function kratos(state: GuardState, path: string, init: RequestInit): Promise<Response> {
  const { options } = state
  return options.fetch(`${options.kratosUrl}${path}`, {
    ...init,
    redirect: 'manual',
    signal: AbortSignal.timeout(options.timeoutMs),
  })
}
