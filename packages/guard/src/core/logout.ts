import { revokeIdentitySessions } from './admin.ts'
import { extractCredential, isWellFormed } from './credential.ts'
import { clearCookie } from './decision.ts'
import { sha256Hex } from './hash.ts'
import type { GuardState } from './state.ts'
import { sessionOf } from './state.ts'
import type { GuardRequest, Header } from './types.ts'

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
  await forget(state, credential.value)
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
  if (!isWellFormed({ kind: 'token', value: token })) return { ok: false, status: 401, headers: [] }
  await forget(state, token)
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
 * "Log out everywhere": `DELETE /admin/identities/{id}/sessions`. Other instances' caches drop the
 * sessions through the store's revocation marks at their next activity check.
 */
export async function logoutEverywhere(state: GuardState, identityId: string): Promise<boolean> {
  const { options } = state
  const ids: string[] = []
  state.cache.deleteWhere((entry) => {
    const session = sessionOf(entry)
    if (session?.identity?.id !== identityId) return false
    ids.push(session.id)
    return true
  })
  for (const id of ids) {
    state.tombstones.set(id, true)
    try {
      await options.store.markRevoked(id, options.now(), 86_400_000)
    } catch {
      options.onEvent?.({
        type: 'error',
        where: 'store',
        message: 'could not mark a session revoked',
      })
    }
  }
  return revokeIdentitySessions(options, identityId)
}

/** Drops what this instance knows about a credential, and the session's activity record. */
async function forget(state: GuardState, credential: string): Promise<void> {
  const hashed = sha256Hex(credential)
  const key = typeof hashed === 'string' ? hashed : await hashed
  const session = sessionOf(state.cache.get(key))
  state.cache.delete(key)
  if (session === undefined) return
  state.sessions.delete(session.id)
  try {
    await state.options.store.delete(session.id)
  } catch {
    state.options.onEvent?.({
      type: 'error',
      where: 'store',
      message: 'could not forget a session',
    })
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
