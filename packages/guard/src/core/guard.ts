import { extractCredential, isWellFormed } from './credential.ts'
import { deny, loginRedirect, NO_HEADERS } from './decision.ts'
import { sha256Hex } from './hash.ts'
import { logoutApi, logoutBrowser, logoutEverywhere } from './logout.ts'
import type { LogoutResult } from './logout.ts'
import { freshEntry, lookup } from './lookup.ts'
import type { ResolvedRoute } from './options.ts'
import { aalRank, resolveOptions, resolveRoute } from './options.ts'
import { sessionPolicy } from './policy.ts'
import type { CacheEntry, GuardState } from './state.ts'
import { createState } from './state.ts'
import type { GuardDecision, GuardOptions, GuardRequest, Header, RouteOptions } from './types.ts'

export interface Guard {
  /**
   * Decides one request. `route` tightens the policy for this route (AAL, recent login);
   * `clientIp` is the address the framework trusts, for IP binding.
   */
  (request: GuardRequest, route?: RouteOptions, clientIp?: string): Promise<GuardDecision>
  /** Browser logout: Kratos' logout flow, cookie cleared, then a redirect to `returnTo`. */
  logoutBrowser(
    request: GuardRequest,
    options?: { readonly returnTo?: string },
  ): Promise<LogoutResult>
  /** Native (token) logout: `DELETE /self-service/logout/api`. */
  logoutApi(token: string): Promise<LogoutResult>
  /** Revokes every session of an identity ("log out everywhere"); true when Kratos confirmed. */
  logoutEverywhere(identityId: string): Promise<boolean>
}

/**
 * A guard for Kratos sessions over Web-standard requests. Options are validated here, once; the
 * returned function is the hot path: on a cache hit it hashes the credential, looks it up and runs
 * in-memory checks, touching the store at most once per `activityCheckInterval` per session.
 */
export function createGuard(guardOptions: GuardOptions): Guard {
  const options = resolveOptions(guardOptions)
  const state = createState(options)
  const routes = new WeakMap<RouteOptions, ResolvedRoute>()

  function routeFor(route: RouteOptions | undefined): ResolvedRoute {
    if (route === undefined) return options.route
    let resolved = routes.get(route)
    if (resolved === undefined) {
      resolved = resolveRoute(route, options.route)
      routes.set(route, resolved)
    }
    return resolved
  }

  async function kratosGuard(
    request: GuardRequest,
    route?: RouteOptions,
    clientIp?: string,
  ): Promise<GuardDecision> {
    const policy = routeFor(route)
    const credential = extractCredential(request, options.cookieName)
    if (credential === 'missing') return unauthenticated(state, request, 'missing-credential')
    const hashed = sha256Hex(credential.value)
    const key = typeof hashed === 'string' ? hashed : await hashed
    const now = options.now()
    let entry = freshEntry(state, key, now)
    let setCookies: readonly string[] = []
    const cached = entry !== undefined
    if (entry !== undefined) {
      options.onEvent?.({ type: 'cache-hit' })
    } else {
      options.onEvent?.({ type: 'cache-miss' })
      if (!isWellFormed(credential)) return unauthenticated(state, request, 'malformed-credential')
      const found = await lookup(state, key, credential)
      if (found.entry === undefined) {
        const retryAfter =
          found.retryAfter !== undefined && /^\d+$/.test(found.retryAfter) ? found.retryAfter : '5'
        return deny(options, {
          reason: 'kratos-unavailable',
          status: 503,
          headers: [['retry-after', retryAfter]],
        })
      }
      entry = found.entry
      setCookies = found.setCookies
    }
    return decide(state, request, key, entry, policy, now, clientIp, setCookies, cached)
  }

  return Object.assign(kratosGuard, {
    logoutBrowser: (request: GuardRequest, logout?: { readonly returnTo?: string }) =>
      logoutBrowser(state, request, logout?.returnTo),
    logoutApi: (token: string) => logoutApi(state, token),
    logoutEverywhere: (identityId: string) => logoutEverywhere(state, identityId),
  })
}

async function decide(
  state: GuardState,
  request: GuardRequest,
  key: string,
  entry: CacheEntry,
  policy: ResolvedRoute,
  now: number,
  clientIp: string | undefined,
  setCookies: readonly string[],
  cached: boolean,
): Promise<GuardDecision> {
  const { options } = state
  const outcome = entry.outcome
  if (outcome.kind === 'unauthenticated') return unauthenticated(state, request, 'invalid-session')
  if (outcome.kind === 'aal') {
    state.cache.delete(key)
    return stepUp(state, request, policy.requiredAal || 2, outcome.redirect)
  }
  const session = outcome.session
  const ended = await sessionPolicy(state, request, key, entry, session, now, clientIp)
  if (ended !== undefined) return ended
  // A step-up or refresh login keeps the session and, for API clients, the token (FACTS.md §5.3):
  // the next request must ask Kratos again instead of reusing the verdict that denied this one.
  if (aalRank(session.authenticator_assurance_level) < policy.requiredAal) {
    state.cache.delete(key)
    return stepUp(state, request, policy.requiredAal, undefined)
  }
  if (policy.maxAuthAgeMs !== undefined && now - entry.authenticatedAt > policy.maxAuthAgeMs) {
    state.cache.delete(key)
    const redirect = options.isBrowser(request)
      ? loginRedirect(options, request, { refresh: 'true' })
      : undefined
    return deny(options, { reason: 'reauthentication-required', status: 403, redirect })
  }
  options.onEvent?.({ type: 'allowed', sessionId: session.id, cached })
  const headers =
    setCookies.length === 0 ? NO_HEADERS : setCookies.map((c): Header => ['set-cookie', c])
  return { type: 'allow', session, headers }
}

function unauthenticated(
  state: GuardState,
  request: GuardRequest,
  reason: 'missing-credential' | 'malformed-credential' | 'invalid-session',
): GuardDecision {
  const { options } = state
  const redirect = options.isBrowser(request) ? loginRedirect(options, request) : undefined
  return deny(options, { reason, status: 401, redirect })
}

/** AAL too low: browsers go to a second-factor login (`aal=aal2`, FACTS.md §6.1), APIs get 403. */
function stepUp(
  state: GuardState,
  request: GuardRequest,
  requiredAal: number,
  kratosRedirect: string | undefined,
): GuardDecision {
  const { options } = state
  const redirect = options.isBrowser(request)
    ? (kratosRedirect ?? loginRedirect(options, request, { aal: `aal${requiredAal}` }))
    : undefined
  return deny(options, { reason: 'aal-required', status: 403, redirect })
}
