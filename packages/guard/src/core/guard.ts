import type { Credential } from './credential.ts'
import { extractCredential, isWellFormed, keyMaterial } from './credential.ts'
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
import type {
  ClientIp,
  GuardDecision,
  GuardEvent,
  GuardOptions,
  GuardRequest,
  Header,
  KratosSession,
  MaybeDecision,
  RouteOptions,
} from './types.ts'

const NO_COOKIES: readonly string[] = Object.freeze([])

export interface Guard {
  /**
   * Decides one request. `route` tightens the policy for this route (AAL, recent login);
   * `clientIp` is the address the framework trusts, for IP binding.
   */
  (request: GuardRequest, route?: RouteOptions, clientIp?: ClientIp): Promise<GuardDecision>
  /**
   * The same decision, returned synchronously when it needs no I/O: adapters call this so a cache
   * hit costs no promise and no microtask hop. A `Promise` comes back on a miss, a store sync or a
   * revocation (and on the Edge runtime, where hashing is asynchronous).
   */
  decide(request: GuardRequest, route?: RouteOptions, clientIp?: ClientIp): MaybeDecision
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

// Built once: with an onEvent listener (metrics) a hit would otherwise allocate it per request.
const CACHE_HIT: GuardEvent = Object.freeze({ type: 'cache-hit' })
const CACHE_MISS: GuardEvent = Object.freeze({ type: 'cache-miss' })

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

  function decideNow(
    request: GuardRequest,
    route: RouteOptions | undefined,
    clientIp: ClientIp,
  ): MaybeDecision {
    const policy = routeFor(route)
    const credential = extractCredential(request, options.cookieName)
    if (credential === 'missing') return unauthenticated(state, request, 'missing-credential')
    const hashed = sha256Hex(keyMaterial(credential))
    if (typeof hashed === 'string') return withKey(request, policy, credential, hashed, clientIp)
    return hashed.then((key) => withKey(request, policy, credential, key, clientIp))
  }

  function withKey(
    request: GuardRequest,
    policy: ResolvedRoute,
    credential: Credential,
    key: string,
    clientIp: ClientIp,
  ): MaybeDecision {
    const now = options.now()
    const entry = freshEntry(state, key, now)
    if (entry !== undefined) {
      options.onEvent?.(CACHE_HIT)
      return decide(state, request, key, entry, policy, now, clientIp, NO_COOKIES, true)
    }
    options.onEvent?.(CACHE_MISS)
    if (!isWellFormed(credential)) return unauthenticated(state, request, 'malformed-credential')
    return lookup(state, key, credential).then((found) => {
      if (found.entry === undefined) {
        const retryAfter =
          found.retryAfter !== undefined && /^\d+$/.test(found.retryAfter) ? found.retryAfter : '5'
        return deny(options, {
          reason: 'kratos-unavailable',
          status: 503,
          headers: [['retry-after', retryAfter]],
        })
      }
      return decide(
        state,
        request,
        key,
        found.entry,
        policy,
        now,
        clientIp,
        found.setCookies,
        false,
      )
    })
  }

  function kratosGuard(
    request: GuardRequest,
    route?: RouteOptions,
    clientIp?: ClientIp,
  ): Promise<GuardDecision> {
    // Rejects rather than throws, as an async function would (the executor catches).
    return new Promise((resolve) => {
      resolve(decideNow(request, route, clientIp))
    })
  }

  return Object.assign(kratosGuard, {
    decide: decideNow,
    logoutBrowser: (request: GuardRequest, logout?: { readonly returnTo?: string }) =>
      logoutBrowser(state, request, logout?.returnTo),
    logoutApi: (token: string) => logoutApi(state, token),
    logoutEverywhere: (identityId: string) => logoutEverywhere(state, identityId),
  })
}

function decide(
  state: GuardState,
  request: GuardRequest,
  key: string,
  entry: CacheEntry,
  policy: ResolvedRoute,
  now: number,
  clientIp: ClientIp,
  setCookies: readonly string[],
  cached: boolean,
): MaybeDecision {
  const outcome = entry.outcome
  if (outcome.kind === 'unauthenticated') return unauthenticated(state, request, 'invalid-session')
  if (outcome.kind === 'aal') {
    state.cache.delete(key)
    return stepUp(state, request, policy.requiredAal || 2, outcome.redirect)
  }
  const session = outcome.session
  const ended = sessionPolicy(state, request, key, entry, session, now, clientIp)
  if (ended === undefined) return admit(state, request, key, entry, policy, now, setCookies, cached)
  if (!(ended instanceof Promise)) return ended
  return ended.then(
    (denied) => denied ?? admit(state, request, key, entry, policy, now, setCookies, cached),
  )
}

/** The route's own demands on a live session (AAL, recent login), then the allow decision. */
function admit(
  state: GuardState,
  request: GuardRequest,
  key: string,
  entry: CacheEntry,
  policy: ResolvedRoute,
  now: number,
  setCookies: readonly string[],
  cached: boolean,
): GuardDecision {
  const { options } = state
  const session = (entry.outcome as { readonly session: KratosSession }).session
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
