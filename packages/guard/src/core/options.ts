import { createMemoryStore } from '../stores/memory.ts'
import type { SessionStore } from '../stores/types.ts'
import { toMilliseconds } from './duration.ts'
import { withStoreDeadline } from './store-deadline.ts'
import type {
  BindingOptions,
  GuardEvent,
  GuardOptions,
  GuardRequest,
  RouteOptions,
} from './types.ts'

export interface ResolvedRoute {
  readonly requiredAal: number
  readonly maxAuthAgeMs: number | undefined
}

export interface ResolvedOptions {
  readonly kratosUrl: string
  readonly adminUrl: string | undefined
  readonly adminHeaders: Readonly<Record<string, string>>
  readonly cookieName: string
  readonly cookieDomain: string | undefined
  readonly cookiePath: string
  readonly loginUrl: string
  readonly fetch: typeof fetch
  readonly timeoutMs: number
  readonly cacheTtlMs: number
  readonly cacheMaxEntries: number
  readonly staleGraceMs: number
  /** The store; an injected one has each call bounded by `storeTimeoutMs` (store-deadline.ts). */
  readonly store: SessionStore
  /** Undefined with `storeTimeout: false`. */
  readonly storeTimeoutMs: number | undefined
  readonly idleMs: number | undefined
  readonly activityIntervalMs: number
  readonly absoluteMs: number | undefined
  readonly route: ResolvedRoute
  readonly binding: ResolvedBinding | undefined
  readonly isBrowser: (request: GuardRequest) => boolean
  readonly onEvent: ((event: GuardEvent) => void) | undefined
  readonly now: () => number
}

export interface ResolvedBinding {
  readonly userAgent: boolean
  readonly v4Bits: number | undefined
  readonly v6Bits: number | undefined
  readonly action: 'log' | 'revoke'
}

/**
 * Default `storeTimeout`. A healthy store answers far sooner: a `get` plus a `touch` against the
 * local Redis and PostgreSQL took p99.9 12 and 34 ms, at most 62 and 69 ms, over 2,000 pairs each
 * on this 2-core machine at load 12–15; 1 s leaves over 10× that. It is above the 500 ms client
 * timeouts the README recommends, so a configured client reports its own error first, far below
 * the 30–60 s idle timeouts of common proxies (AWS ALB 60 s, nginx `proxy_read_timeout` 60 s), and
 * keeps an activity sync (a `get`, then a `touch`) within 2 s, the whoami `timeout`.
 */
const DEFAULT_STORE_TIMEOUT_MS = 1000

const AAL_RANK: Readonly<Record<string, number>> = { aal0: 0, aal1: 1, aal2: 2, aal3: 3 }
// RFC 6265 §4.1.1 token characters: a name outside them could never match a Cookie header.
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

export function aalRank(aal: unknown): number {
  return typeof aal === 'string' ? (AAL_RANK[aal] ?? 0) : 0
}

/** Validates every option once, so a misconfiguration fails at start-up and not per request. */
export function resolveOptions(options: GuardOptions): ResolvedOptions {
  if (typeof options !== 'object') throw new TypeError('createGuard: options are required')
  const kratosUrl = baseUrl('kratosUrl', options.kratosUrl)
  const cookieName = options.cookie?.name ?? 'ory_kratos_session'
  if (!COOKIE_NAME.test(cookieName))
    throw new TypeError('createGuard: cookie.name is not a cookie name')
  const idleMs = optionalMs('idleTimeout', options.idleTimeout)
  const absoluteMs = optionalMs('absoluteTimeout', options.absoluteTimeout)
  const activityIntervalMs =
    options.activityCheckInterval === undefined
      ? Math.min(60_000, Math.floor((idleMs ?? 600_000) / 10))
      : toMilliseconds('activityCheckInterval', options.activityCheckInterval)
  if (idleMs !== undefined && (idleMs <= 0 || activityIntervalMs >= idleMs)) {
    throw new RangeError('createGuard: activityCheckInterval must be shorter than idleTimeout')
  }
  const storeTimeoutMs =
    options.storeTimeout === false
      ? undefined
      : positiveMs('storeTimeout', options.storeTimeout ?? DEFAULT_STORE_TIMEOUT_MS)
  return {
    kratosUrl,
    adminUrl:
      options.kratosAdminUrl === undefined
        ? undefined
        : baseUrl('kratosAdminUrl', options.kratosAdminUrl),
    adminHeaders: options.adminHeaders ?? {},
    cookieName,
    cookieDomain: options.cookie?.domain,
    cookiePath: options.cookie?.path ?? '/',
    loginUrl: options.loginUrl ?? `${kratosUrl}/self-service/login/browser`,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: positiveMs('timeout', options.timeout ?? 2000),
    cacheTtlMs: toMilliseconds('cacheTtl', options.cacheTtl ?? 30_000),
    cacheMaxEntries: positiveInteger('cacheMaxEntries', options.cacheMaxEntries ?? 10_000),
    staleGraceMs: toMilliseconds('staleGrace', options.staleGrace ?? 60_000),
    // The default keeps activity per instance only; several instances need Redis or PostgreSQL.
    // It answers in-process, with no I/O to stall, so it gets no timer per call.
    store:
      options.store === undefined
        ? createMemoryStore(options.now === undefined ? {} : { now: options.now })
        : storeTimeoutMs === undefined
          ? options.store
          : withStoreDeadline(options.store, storeTimeoutMs),
    storeTimeoutMs,
    idleMs,
    activityIntervalMs,
    absoluteMs,
    route: resolveRoute(options, { requiredAal: 0, maxAuthAgeMs: undefined }),
    binding: resolveBinding(options.binding),
    isBrowser: options.isBrowser ?? acceptsHtml,
    onEvent: options.onEvent,
    now: options.now ?? Date.now,
  }
}

export function resolveRoute(route: RouteOptions, base: ResolvedRoute): ResolvedRoute {
  if (route.requiredAal !== undefined && !(route.requiredAal in AAL_RANK)) {
    throw new TypeError(`createGuard: requiredAal must be aal1, aal2 or aal3`)
  }
  return {
    requiredAal: route.requiredAal === undefined ? base.requiredAal : aalRank(route.requiredAal),
    maxAuthAgeMs: optionalMs('maxAuthAge', route.maxAuthAge) ?? base.maxAuthAgeMs,
  }
}

function resolveBinding(binding: BindingOptions | undefined): ResolvedBinding | undefined {
  if (binding === undefined) return undefined
  if (!['log', 'revoke'].includes(binding.action)) {
    throw new TypeError(`createGuard: binding.action must be 'log' or 'revoke'`)
  }
  const prefix = binding.ipPrefix === true ? {} : binding.ipPrefix || undefined
  const v4Bits = prefix === undefined ? undefined : bits('binding.ipPrefix.v4', prefix.v4 ?? 24, 32)
  const v6Bits =
    prefix === undefined ? undefined : bits('binding.ipPrefix.v6', prefix.v6 ?? 64, 128)
  return { userAgent: binding.userAgent === true, v4Bits, v6Bits, action: binding.action }
}

function acceptsHtml(request: GuardRequest): boolean {
  const accept = request.headers.get('accept')
  return (
    accept !== null &&
    accept.includes('text/html') &&
    request.headers.get('x-session-token') === null
  )
}

function baseUrl(name: string, value: unknown): string {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    throw new TypeError(`createGuard: ${name} must be an absolute http(s) URL`)
  }
  const url = new URL(value)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`createGuard: ${name} must be an absolute http(s) URL`)
  }
  return url.href.replace(/\/+$/, '')
}

function optionalMs(name: string, value: number | string | undefined): number | undefined {
  return value === undefined ? undefined : positiveMs(name, value)
}

function positiveMs(name: string, value: number | string): number {
  const ms = toMilliseconds(name, value)
  if (ms <= 0) throw new RangeError(`createGuard: ${name} must be greater than zero`)
  return ms
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`createGuard: ${name} must be a positive integer`)
  }
  return value
}

function bits(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`createGuard: ${name} must be an integer from 0 to ${max}`)
  }
  return value
}
