// nosurf as Kratos uses it (FACTS §4.2, §7): a 32-byte secret in the `csrf_token_<sha256(base_url)>`
// cookie, masked 64-byte tokens in forms, constant-time comparison after unmasking.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { Ctx } from './context.ts'
import { parseCookieHeader, serializeCookie } from './cookies.ts'
import { sendError, wantsJson, redirect } from './http.ts'
import { appendSetCookie } from './session-cookie.ts'

const maxAge = 31_536_000 // nosurf MaxAge: 365 days

export const maskToken = (secret: Buffer): string => {
  const otp = randomBytes(32)
  const masked = Buffer.alloc(32)
  for (let i = 0; i < 32; i++) masked[i] = (otp[i] ?? 0) ^ (secret[i] ?? 0)
  return Buffer.concat([otp, masked]).toString('base64')
}

const unmask = (token: string): Buffer | undefined => {
  const raw = Buffer.from(token, 'base64')
  if (raw.length === 32) return raw
  if (raw.length !== 64) return undefined
  const out = Buffer.alloc(32)
  for (let i = 0; i < 32; i++) out[i] = (raw[i] ?? 0) ^ (raw[i + 32] ?? 0)
  return out
}

export const sameSecret = (a: Buffer, b: Buffer): boolean =>
  a.length === b.length && timingSafeEqual(a, b)

/** The CSRF secret carried by the request's cookie, if any. */
export const csrfSecretOf = (ctx: Ctx): Buffer | undefined => {
  const cookie = parseCookieHeader(ctx.req.headers.cookie).find(
    (c) => c.name === ctx.k.csrfCookieName,
  )
  if (!cookie) return undefined
  const raw = Buffer.from(cookie.value, 'base64')
  return raw.length === 32 ? raw : undefined
}

const writeCsrfCookie = (ctx: Ctx, res: ServerResponse, secret: Buffer): void => {
  const c = ctx.k.settings().csrfCookie
  appendSetCookie(
    res,
    serializeCookie({
      name: ctx.k.csrfCookieName,
      value: secret.toString('base64'),
      path: c.path,
      domain: c.domain,
      maxAge,
      expires: new Date(Date.now() + maxAge * 1000),
      httpOnly: true,
      secure: c.secure,
      sameSite: c.sameSite,
    }),
  )
}

/** The request's CSRF secret, or a fresh one set as the cookie (nosurf on a browser route). */
export const ensureCsrf = (ctx: Ctx): Buffer => {
  const existing = csrfSecretOf(ctx)
  if (existing) return existing
  return regenerateCsrf(ctx)
}

/** New secret and cookie, as on login and browser logout (FACTS §4.2). */
export const regenerateCsrf = (ctx: Ctx): Buffer => {
  const secret = randomBytes(32)
  writeCsrfCookie(ctx, ctx.res, secret)
  return secret
}

const reasons = {
  noCookieHeader: 'The HTTP Cookie Header is empty or not set.',
  noCsrfCookie: 'The HTTP Cookie Header was set but did not include the anti-CSRF cookie.',
  mismatch: 'The HTTP Cookie Header was set and a CSRF token was sent but they do not match.',
} as const

/** `flow.EnsureCSRF` for browser flows; returns false after answering 403 (or 303 to the error UI). */
export const checkCsrf = (ctx: Ctx, submitted: string | undefined): boolean => {
  if (ctx.k.weak('csrfNotChecked')) return true
  const header = ctx.req.headers['x-csrf-token']
  const token = submitted ?? (typeof header === 'string' ? header : undefined)
  const secret = csrfSecretOf(ctx)
  const given = token ? unmask(token) : undefined
  if (secret && given && sameSecret(secret, given)) return true
  const details: Record<string, unknown> = {
    docs: 'https://www.ory.sh/kratos/docs/debug/csrf',
    reject_reason: !ctx.req.headers.cookie
      ? reasons.noCookieHeader
      : !secret
        ? reasons.noCsrfCookie
        : reasons.mismatch,
  }
  if (!token)
    details['hint'] =
      'The anti-CSRF token was not sent in the request body (csrf_token) or header (X-CSRF-Token).'
  const fetchMode = ctx.req.headers['sec-fetch-mode']
  if (wantsJson(ctx.req) || fetchMode === 'cors' || fetchMode === 'same-origin')
    sendError(ctx.res, 403, {
      id: 'security_csrf_violation',
      reason:
        'Please retry the flow and optionally clear your cookies. The request was rejected to protect you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, and other serious security issues.',
      message: 'the request was rejected to protect you from Cross-Site-Request-Forgery',
      details,
    })
  else redirect(ctx.res, 303, `${ctx.k.uiUrl}/error?id=security_csrf_violation`)
  return false
}

/** API flows refuse requests that look like they come from a browser (FACTS §7). */
export const looksLikeBrowser = (ctx: Ctx): boolean => {
  if (ctx.k.options.dev === true && ctx.k.options.disableApiFlowEnforcement === true) return false
  return (
    ctx.req.headers.origin !== undefined ||
    parseCookieHeader(ctx.req.headers.cookie).some((c) => !/^(__cf|_cf|cf_)/.test(c.name))
  )
}
