import type { GuardRequest } from './types.ts'

export interface Credential {
  /** `cookie` travels to whoami as a Cookie header; `token` as X-Session-Token. */
  readonly kind: 'cookie' | 'token'
  readonly value: string
}

export type Extracted = Credential | 'missing'

// Kratos tokens are `ory_st_` + 32 alphanumerics (FACTS.md §5.1); older ones had no prefix, and
// Ory Network's differ, so accept any base64url-ish token of sane length rather than one format.
const TOKEN = /^[A-Za-z0-9_\-.~+/]{16,512}={0,2}$/
// The cookie is a gorilla/securecookie blob in base64url (FACTS.md §4.1); 4096 is RFC 6265's floor
// for what user agents must store, so anything longer was not set by Kratos.
const COOKIE_VALUE = /^[A-Za-z0-9_\-=.+/%]{16,4096}$/

/**
 * The credential in Kratos' own order (FACTS.md §6.2): X-Session-Token, then the session cookie,
 * then `Authorization: Bearer`. Its shape is checked only on a cache miss (`isWellFormed`): a
 * cached credential was checked when it was first seen, so hits skip the scan.
 */
export function extractCredential(request: GuardRequest, cookieName: string): Extracted {
  const token = request.headers.get('x-session-token')
  if (token !== null) return { kind: 'token', value: token }
  const cookieHeader = request.headers.get('cookie')
  if (cookieHeader !== null) {
    const cookie = findCookie(cookieHeader, cookieName)
    if (cookie !== undefined) return { kind: 'cookie', value: cookie }
  }
  const authorization = request.headers.get('authorization')
  if (authorization === null) return 'missing'
  const space = authorization.indexOf(' ')
  // Kratos splits on one space into exactly two parts and compares the scheme case-insensitively.
  if (space < 0 || authorization.slice(0, space).toLowerCase() !== 'bearer') return 'missing'
  return { kind: 'token', value: authorization.slice(space + 1) }
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
