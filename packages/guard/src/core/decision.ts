import type { ResolvedOptions } from './options.ts'
import type { DenyDecision, DenyReason, GuardDecision, GuardRequest, Header } from './types.ts'

export const NO_HEADERS: readonly Header[] = Object.freeze([])

const MESSAGES: Readonly<Record<DenyReason, string>> = {
  'missing-credential': 'No session credentials were sent.',
  'malformed-credential': 'The session credentials are malformed.',
  'invalid-session': 'The session is not valid.',
  'idle-timeout': 'The session ended after a period of inactivity.',
  'absolute-timeout': 'The session reached its maximum lifetime.',
  'aal-required': 'This action needs a stronger authentication (a second factor).',
  'reauthentication-required': 'This action needs a recent login; please sign in again.',
  'binding-mismatch': 'The session is used from a different client than it was created for.',
  revoked: 'The session was revoked.',
  'kratos-unavailable': 'The identity service is temporarily unavailable.',
  'store-unavailable': 'The session store is temporarily unavailable.',
}

/** The JSON body for an API client, in Kratos' own error envelope (FACTS.md §6.5). */
export function denyBody(decision: DenyDecision): string {
  return JSON.stringify({
    error: { code: decision.status, status: decision.reason, message: MESSAGES[decision.reason] },
  })
}

/** A Web `Response` for a deny decision (Hono, Next.js and any fetch-style server). */
export function denyResponse(decision: DenyDecision): Response {
  const headers = toHeaders(decision.headers)
  if (decision.redirect !== undefined)
    return new Response(null, { status: decision.status, headers })
  headers.set('content-type', 'application/json; charset=utf-8')
  headers.set('cache-control', 'no-store')
  return new Response(denyBody(decision), { status: decision.status, headers })
}

export function toHeaders(list: readonly Header[]): Headers {
  const headers = new Headers()
  for (const [name, value] of list) headers.append(name, value)
  return headers
}

/** Appends a decision's headers (Set-Cookie from whoami, cookie clearing) to a Web Headers. */
export function applyHeaders(decision: GuardDecision, headers: Headers): void {
  for (const [name, value] of decision.headers) headers.append(name, value)
}

interface DenyInit {
  readonly reason: DenyReason
  readonly status: number
  readonly headers?: readonly Header[]
  /** For browsers: where to send them instead of an error body. */
  readonly redirect?: string | undefined
}

export function deny(options: ResolvedOptions, init: DenyInit): DenyDecision {
  options.onEvent?.({ type: 'denied', reason: init.reason, status: init.status })
  const headers = init.headers ?? NO_HEADERS
  if (init.redirect === undefined)
    return { type: 'deny', status: init.status, reason: init.reason, headers }
  return {
    type: 'deny',
    status: 303,
    reason: init.reason,
    headers: [...headers, ['location', init.redirect]],
    redirect: init.redirect,
  }
}

/** A login URL with Kratos' query (FACTS.md §6.1): `refresh=true` or `aal=aal2`, and return_to. */
export function loginRedirect(
  options: ResolvedOptions,
  request: GuardRequest,
  extra: Readonly<Record<string, string>> = {},
): string {
  const url = new URL(options.loginUrl)
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value)
  url.searchParams.set('return_to', request.url)
  return url.href
}

/**
 * Deletes the session cookie the way Kratos does on logout (FACTS.md §4.1: Max-Age=0 and a 1970
 * Expires), on the same name, domain and path, or the browser keeps the old one.
 */
export function clearCookie(options: ResolvedOptions, request: GuardRequest): Header {
  let value = `${options.cookieName}=; Path=${options.cookiePath}; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; HttpOnly; SameSite=Lax`
  if (options.cookieDomain !== undefined) value += `; Domain=${options.cookieDomain}`
  if (request.url.startsWith('https:')) value += '; Secure'
  return ['set-cookie', value]
}
