// Issuing, clearing and reading Kratos' session credentials (FACTS §4.1, §6.2).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Internals } from './context.ts'
import { deletedExpires, parseCookieHeader, serializeCookie } from './cookies.ts'
import {
  DEFAULT_MAX_AGE_SECONDS,
  decodeSessionCookie as decodeEnvelope,
  encodeSessionCookie as encodeEnvelope,
} from '../../../packages/aegis/src/rotate/securecookie.ts'
import { randomLetters } from './state.ts'
import type { SessionRecord } from './types.ts'

export const appendSetCookie = (res: ServerResponse, cookie: string): void => {
  const prior = res.getHeader('Set-Cookie')
  const list = Array.isArray(prior) ? prior : prior === undefined ? [] : [String(prior)]
  res.setHeader('Set-Cookie', [...list, cookie])
}

/** Go's time.RFC3339Nano in UTC: fractional seconds without trailing zeros. */
export const rfc3339Nano = (date: Date): string =>
  date.toISOString().replace(/\.(\d*?)0*Z$/, (_m, frac: string) => (frac ? `.${frac}Z` : 'Z'))

/** IssueCookie's map: the token, `ExpiresAt.UTC().Format(time.RFC3339Nano)`, 8 random letters. */
export const encodeSessionCookie = (k: Internals, token: string, expiresAt: Date): string => {
  const s = k.settings()
  return encodeEnvelope({
    name: s.sessionCookie.name,
    secret: s.secrets[0] ?? '',
    values: { session_token: token, expires_at: rfc3339Nano(expiresAt), nonce: randomLetters(8) },
  })
}

export const issueSessionCookie = (
  k: Internals,
  res: ServerResponse,
  session: SessionRecord,
): void => {
  const c = k.settings().sessionCookie
  const now = Date.now()
  // Max-Age = whole seconds until this session's expires_at; Expires = now + Max-Age (§4.1).
  const maxAge = Math.floor((session.expiresAt.getTime() - now) / 1000)
  appendSetCookie(
    res,
    serializeCookie({
      name: c.name,
      value: encodeSessionCookie(k, session.token, session.expiresAt),
      path: c.path,
      domain: c.domain,
      ...(c.persistent ? { maxAge, expires: new Date(now + maxAge * 1000) } : {}),
      httpOnly: c.httpOnly,
      secure: c.secure,
      sameSite: c.sameSite,
    }),
  )
}

export const clearSessionCookie = (k: Internals, res: ServerResponse): void => {
  const c = k.settings().sessionCookie
  appendSetCookie(
    res,
    serializeCookie({
      name: c.name,
      value: '',
      path: c.path,
      domain: c.domain,
      maxAge: 0,
      expires: deletedExpires,
      httpOnly: c.httpOnly,
      secure: c.secure,
      sameSite: c.sameSite,
    }),
  )
}

export interface Credential {
  readonly token: string
  readonly source: 'header' | 'cookie' | 'bearer'
  /** `expires_at` embedded in the cookie, to decide whether whoami re-sends it (§4.1). */
  readonly cookieExpiresAt?: Date
}

const decodeSessionCookie = (
  k: Internals,
  req: IncomingMessage,
): { token: string; expiresAt: Date | undefined } | undefined => {
  const s = k.settings()
  const maxAge = s.sessionCookie.persistent ? s.lifespanMs / 1000 : DEFAULT_MAX_AGE_SECONDS
  // net/http's r.Cookie(name) returns the first cookie of that name and gorilla decodes only that
  // one: a tossed duplicate placed first shadows the real cookie (FACTS §6.2: fall through to Bearer).
  const cookie = parseCookieHeader(req.headers.cookie).find((c) => c.name === s.sessionCookie.name)
  if (cookie) {
    const decoded = decodeEnvelope({
      name: cookie.name,
      value: cookie.value,
      secrets: s.secrets,
      maxAgeSeconds: Math.max(Math.floor(maxAge), 1),
    })
    const token = decoded.ok ? decoded.values['session_token'] : undefined
    if (decoded.ok && token) {
      const exp = Date.parse(decoded.values['expires_at'] ?? '')
      return { token, expiresAt: Number.isNaN(exp) ? undefined : new Date(exp) }
    }
  }
  return undefined
}

/** X-Session-Token, then the cookie (decoded), then `Authorization: Bearer` (`extractToken`, §6.2). */
export const readCredential = (k: Internals, req: IncomingMessage): Credential | undefined => {
  const header = req.headers['x-session-token']
  if (typeof header === 'string' && header) return { token: header, source: 'header' }
  const cookie = decodeSessionCookie(k, req)
  if (cookie)
    return {
      token: cookie.token,
      source: 'cookie',
      ...(cookie.expiresAt ? { cookieExpiresAt: cookie.expiresAt } : {}),
    }
  const parts = (req.headers.authorization ?? '').split(' ')
  if (parts.length === 2 && parts[0]?.toLowerCase() === 'bearer' && parts[1])
    return { token: parts[1], source: 'bearer' }
  return undefined
}

/** The request's active session, if any. */
export const currentSession = (
  k: Internals,
  req: IncomingMessage,
): { session: SessionRecord; credential: Credential } | undefined => {
  const credential = readCredential(k, req)
  if (!credential) return undefined
  const session = k.state.sessionByToken(credential.token)
  if (!session || !k.state.isActive(session)) return undefined
  return { session, credential }
}
