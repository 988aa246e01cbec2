/**
 * The cookie attributes Kratos really emits (FACTS.md §4), with the key that decides each one:
 * the session cookie falls back to `cookies.*` only when its own key is absent; Secure is
 * `!dev` unless a `secure` string is set, and a string Go's ParseBool rejects means false.
 */
import type { ConfigView } from '../../config/types.ts'
import { parseGoBool } from '../../kratos/index.ts'

export interface Attribute<T> {
  readonly value: T
  /** The key that decided it (also when absent and a default applies). */
  readonly key: string
  readonly explicit: boolean
}

const fallback = (view: ConfigView, own: string, shared: string): Attribute<unknown> =>
  view.has(own)
    ? { value: view.get(own), key: own, explicit: true }
    : { value: view.get(shared), key: view.has(shared) ? shared : own, explicit: view.has(shared) }

export type SecureReason =
  'set-true' | 'set-false' | 'unparsable' | 'dev' | 'default' | 'external' | 'not-a-string'

/** v1.x has no `secure` key: Secure there is always `!dev` (FACTS.md §10). */
const hasSecureKey = (view: ConfigView): boolean => view.version !== 'v1.3'

export const secureOf = (
  view: ConfigView,
  key: string,
): Attribute<boolean> & { reason: SecureReason } => {
  if (hasSecureKey(view) && view.isExternal(key)) {
    return { value: true, key, explicit: true, reason: 'external' }
  }
  const raw = hasSecureKey(view) ? view.get(key) : undefined
  if (raw === undefined) {
    return { value: !view.dev, key, explicit: false, reason: view.dev ? 'dev' : 'default' }
  }
  if (typeof raw !== 'string') {
    // The schema types the key as a string: Kratos refuses to start (FACTS.md §1.1, §11.2), and
    // config-invalid says so. Other rules see what the user meant (`secure: true` → Secure).
    return { value: raw === true, key, explicit: true, reason: 'not-a-string' }
  }
  const parsed = parseGoBool(raw)
  if (parsed === null) return { value: false, key, explicit: true, reason: 'unparsable' }
  return { value: parsed, key, explicit: true, reason: parsed ? 'set-true' : 'set-false' }
}

export interface CookieView {
  /** Which cookie, for rules that treat them differently; `label` is only how messages name it. */
  readonly kind: 'session' | 'csrf'
  readonly label: string
  readonly name: Attribute<string>
  readonly domain: Attribute<string | undefined>
  readonly path: Attribute<string>
  readonly sameSite: Attribute<string>
  readonly secure: Attribute<boolean> & { reason: SecureReason }
}

const str = (a: Attribute<unknown>, fallbackValue: string): Attribute<string> => ({
  ...a,
  value: typeof a.value === 'string' ? a.value : fallbackValue,
})

export const sessionCookie = (view: ConfigView): CookieView => {
  const name = view.get('session.cookie.name')
  const domain = fallback(view, 'session.cookie.domain', 'cookies.domain')
  return {
    kind: 'session',
    label: 'session cookie',
    name: {
      value: typeof name === 'string' ? name : 'ory_kratos_session',
      key: 'session.cookie.name',
      explicit: view.has('session.cookie.name'),
    },
    domain: {
      ...domain,
      value: typeof domain.value === 'string' && domain.value !== '' ? domain.value : undefined,
    },
    path: str(fallback(view, 'session.cookie.path', 'cookies.path'), '/'),
    sameSite: str(fallback(view, 'session.cookie.same_site', 'cookies.same_site'), 'Lax'),
    secure: secureOf(view, 'session.cookie.secure'),
  }
}

/** The CSRF cookie: `cookies.*` only; its name is derived from the base URL and not configurable. */
export const csrfCookie = (view: ConfigView): CookieView => {
  const domain = view.get('cookies.domain')
  const path = view.get('cookies.path')
  const sameSite = view.get('cookies.same_site')
  const has = (k: string): boolean => view.has(k)
  return {
    kind: 'csrf',
    label: 'CSRF cookie',
    name: { value: 'csrf_token_<sha256(base_url)>', key: 'serve.public.base_url', explicit: false },
    domain: {
      value: typeof domain === 'string' && domain !== '' ? domain : undefined,
      key: 'cookies.domain',
      explicit: has('cookies.domain'),
    },
    path: {
      value: typeof path === 'string' ? path : '/',
      key: 'cookies.path',
      explicit: has('cookies.path'),
    },
    sameSite: {
      value: typeof sameSite === 'string' ? sameSite : 'Lax',
      key: 'cookies.same_site',
      explicit: has('cookies.same_site'),
    },
    secure: secureOf(view, 'cookies.secure'),
  }
}

/** How messages name a cookie: Kratos sets the continuity cookie with the CSRF cookie's keys. */
export const cookieWords = (c: CookieView): { cookie: string; are: string; it: string } => {
  const cookie = c.kind === 'csrf' ? 'CSRF and continuity cookies' : c.label
  const plural = cookie.endsWith('cookies')
  return { cookie, are: plural ? 'are' : 'is', it: plural ? 'them' : 'it' }
}

/**
 * Why a browser rejects a cookie whose name carries a prefix (RFC 6265bis §4.1.3): `__Secure-`
 * needs Secure; `__Host-` also needs no Domain and Path=/. Undefined when it is accepted.
 */
export const prefixProblem = (c: CookieView, host: boolean): string | undefined =>
  !c.secure.value
    ? 'the cookie is not Secure'
    : host && c.domain.value !== undefined
      ? `Domain is set (${c.domain.key})`
      : host && c.path.value !== '/'
        ? `Path is not / (${c.path.key})`
        : undefined
