import type { GuardRequest } from './types.ts'

export interface Credential {
  /** `cookie` travels to whoami as a Cookie header; `token` as X-Session-Token. */
  readonly kind: 'cookie' | 'token'
  readonly value: string
  /**
   * With a cookie, the request's `Authorization: Bearer` token: Kratos uses it when the cookie does
   * not decode (FACTS.md §6.2), which only Kratos can tell, so whoami is sent both.
   */
  readonly bearer?: string
}

export type Extracted = Credential | 'missing'

// Kratos tokens are `ory_st_` + 32 alphanumerics (FACTS.md §5.1); older ones had no prefix, and
// Ory Network's differ, so accept any base64url-ish token of sane length rather than one format.
const TOKEN = /^[A-Za-z0-9_\-.~+/]{16,512}={0,2}$/
// The cookie is a gorilla/securecookie blob in base64url (FACTS.md §4.1); 4096 is RFC 6265's floor
// for what user agents must store, so anything longer was not set by Kratos.
const COOKIE_VALUE = /^[A-Za-z0-9_\-=.+/%]{16,4096}$/

/**
 * The credential in Kratos' own order (FACTS.md §6.2, `extractToken`): a non-empty X-Session-Token,
 * then the session cookie, then `Authorization: Bearer`. A cookie that does not decode falls
 * through to Bearer there: one that could never decode is skipped here, and any other travels with
 * a Bearer token shaped like Kratos' own so that Kratos decides. Its shape is checked only on a cache miss
 * (`isWellFormed`): a cached credential was checked when it was first seen, so hits skip the scan.
 */
export function extractCredential(request: GuardRequest, cookieName: string): Extracted {
  const token = request.headers.get('x-session-token')
  if (token !== null && token.length > 0) return { kind: 'token', value: token }
  const cookieHeader = request.headers.get('cookie')
  const cookie = cookieHeader === null ? undefined : findCookie(cookieHeader, cookieName)
  const authorization = request.headers.get('authorization')
  const bearer = authorization === null ? undefined : bearerToken(authorization)
  if (cookie === undefined)
    return bearer === undefined ? 'missing' : { kind: 'token', value: bearer }
  if (bearer === undefined) return { kind: 'cookie', value: cookie }
  if (!COOKIE_VALUE.test(cookie)) return { kind: 'token', value: bearer }
  // Beside a cookie, only a token Kratos issues goes along: an application's own bearer token (an
  // OAuth access token, a JWT) must not reach Kratos or its logs, nor split the cache per value.
  return KRATOS_TOKEN.test(bearer)
    ? { kind: 'cookie', value: cookie, bearer }
    : { kind: 'cookie', value: cookie }
}

// What Kratos issues (FACTS.md §5.1): `ory_st_` + 32 of [A-Za-z0-9]; before v1, no prefix.
const KRATOS_TOKEN = /^(?:ory_st_)?[A-Za-z0-9]{32}$/

/** Kratos splits on one space into exactly two parts and compares the scheme case-insensitively. */
function bearerToken(authorization: string): string | undefined {
  const space = authorization.indexOf(' ')
  if (space < 0 || authorization.slice(0, space).toLowerCase() !== 'bearer') return undefined
  return authorization.slice(space + 1)
}

/** What the cache key hashes: the credential, and with a cookie the Bearer token sent beside it. */
export function keyMaterial(credential: Credential): string {
  return credential.bearer === undefined
    ? credential.value
    : `${credential.value}\n${credential.bearer}`
}

/** Whether Kratos could have issued this credential; if not, it is denied without a whoami call. */
export function isWellFormed(credential: Credential): boolean {
  return (credential.kind === 'cookie' ? COOKIE_VALUE : TOKEN).test(credential.value)
}

/** The first value of `name` in a Cookie header, found with indexOf to stay off the parse cost. */
export function findCookie(header: string, name: string): string | undefined {
  let from = 0
  while (from < header.length) {
    const at = header.indexOf(name, from)
    if (at < 0) return undefined
    const end = at + name.length
    if (startsPair(header, at) && header.charAt(end) === '=') {
      const stop = header.indexOf(';', end + 1)
      return header.slice(end + 1, stop < 0 ? header.length : stop).trim()
    }
    from = end
  }
  return undefined
}

/** Whether `at` begins a name=value pair: only spaces or tabs between it and a `;` (or the start). */
function startsPair(header: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = header.charCodeAt(i)
    if (c === 59) return true
    if (c !== 32 && c !== 9) return false
  }
  return true
}
