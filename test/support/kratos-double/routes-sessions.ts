// Public session endpoints: whoami and the identity's own session list (FACTS §6.2).
import { durationMs } from './config.ts'
import type { Ctx, Route } from './context.ts'
import { route } from './context.ts'
import { noContent, sendError, sendJson } from './http.ts'
import { sessionJson } from './render.ts'
import { currentSession, issueSessionCookie, readCredential } from './session-cookie.ts'
import type { SessionRecord } from './types.ts'

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The whoami 401 has no error.id, whatever the docs say (FACTS §6.2, §11.15, ory/kratos#4441). */
export const sendWhoamiUnauthorized = (ctx: Ctx): void => {
  sendError(ctx.res, 401, {
    reason: 'No valid session credentials found in the request.',
    message: 'The request could not be authorized',
  })
}

const sendNoSessionCookie = (ctx: Ctx): void => {
  sendError(ctx.res, 401, {
    reason: 'No valid session cookie found.',
    message: 'The request could not be authorized',
  })
}

export const aal2Required = (ctx: Ctx): void => {
  const to = `${ctx.k.publicUrl}/self-service/login/browser?aal=aal2`
  sendError(
    ctx.res,
    403,
    {
      id: 'session_aal2_required',
      reason:
        'An active session was found but it does not fulfill the Authenticator Assurance Level, implying that the session must first be authenticated with a second factor.',
      message: 'Session does not fulfill the requested Authenticator Assurance Level',
      details: { redirect_browser_to: to },
    },
    { redirect_browser_to: to },
  )
}

/** `highest_available`: an AAL1 session of an identity with a second factor falls short (§1.1). */
export const lacksAal = (ctx: Ctx, session: SessionRecord, required: string): boolean =>
  required === 'highest_available' &&
  session.aal === 'aal1' &&
  ctx.k.state.identities.get(session.identityId)?.totp === true

const cachedSession = (ctx: Ctx, token: string): SessionRecord | undefined => {
  if (!ctx.k.weak('revokeIsCached')) return undefined
  const id = ctx.k.state.whoamiCache.get(token)
  return id === undefined ? undefined : ctx.k.state.sessions.get(id)
}

/** `Ory-Session-Cache-For` when `cacheable_sessions` is on (session/handler.go whoami). */
const cacheFor = (ctx: Ctx, session: SessionRecord | undefined): void => {
  const flag = ctx.k.options.cacheableSessions
  if (!flag) return
  if (!session) {
    ctx.res.setHeader('Ory-Session-Cache-For', '60')
    return
  }
  let seconds = (session.expiresAt.getTime() - Date.now()) / 1000
  const max = flag.maxAge === undefined ? 0 : durationMs(flag.maxAge) / 1000
  if (max > 0 && seconds > max) seconds = max
  ctx.res.setHeader('Ory-Session-Cache-For', Math.round(seconds).toFixed(0))
}

const whoami = (ctx: Ctx): void => {
  const credential = readCredential(ctx.k, ctx.req)
  const cached = credential ? cachedSession(ctx, credential.token) : undefined
  const found = cached ? { session: cached, credential } : currentSession(ctx.k, ctx.req)
  if (!found?.credential) {
    // Only a request without any credential is cacheable as "no session" (CredentialsMissing).
    if (!credential && !ctx.req.headers.cookie) cacheFor(ctx, undefined)
    sendWhoamiUnauthorized(ctx)
    return
  }
  const { session } = found
  if (lacksAal(ctx, session, ctx.k.settings().requiredAal)) {
    aal2Required(ctx)
    return
  }
  ctx.k.state.whoamiCache.set(found.credential.token, session.id)
  // RefreshCookie: re-send only when the cookie's embedded expires_at is behind the session's,
  // i.e. after an admin extension (FACTS §4.1).
  const embedded = found.credential.cookieExpiresAt
  if (found.credential.source === 'cookie' && embedded && embedded < session.expiresAt)
    issueSessionCookie(ctx.k, ctx.res, session)
  ctx.res.setHeader('X-Kratos-Authenticated-Identity-Id', session.identityId)
  cacheFor(ctx, session)
  const identity = ctx.k.state.identities.get(session.identityId)
  sendJson(ctx.res, 200, sessionJson(session, identity, ctx.k.publicUrl, { active: true }))
}

const paginate = <T>(ctx: Ctx, items: readonly T[]): readonly T[] => {
  const q = ctx.url.searchParams
  const perPage = Math.max(1, Number(q.get('per_page') ?? q.get('page_size') ?? 250) || 250)
  const page = Math.max(0, Number(q.get('page') ?? q.get('page_token') ?? 0) || 0)
  ctx.res.setHeader('X-Total-Count', String(items.length))
  const base = `${ctx.url.pathname}?page_size=${perPage}`
  const links = [`<${base}&page_token=0>; rel="first"`]
  if ((page + 1) * perPage < items.length)
    links.push(`<${base}&page_token=${page + 1}>; rel="next"`)
  ctx.res.setHeader('Link', links.join(','))
  return items.slice(page * perPage, (page + 1) * perPage)
}

const otherActive = (ctx: Ctx, session: SessionRecord): SessionRecord[] =>
  ctx.k.state
    .sessionsOf(session.identityId)
    .filter((s) => s.id !== session.id && ctx.k.state.isActive(s))

const listMine = (ctx: Ctx): void => {
  const found = currentSession(ctx.k, ctx.req)
  if (!found) {
    sendNoSessionCookie(ctx)
    return
  }
  if (lacksAal(ctx, found.session, ctx.k.settings().requiredAal)) {
    aal2Required(ctx)
    return
  }
  const identity = ctx.k.state.identities.get(found.session.identityId)
  const list = paginate(ctx, otherActive(ctx, found.session))
  sendJson(
    ctx.res,
    200,
    list.map((s) => sessionJson(s, identity, ctx.k.publicUrl)),
  )
}

const deleteMine = (ctx: Ctx): void => {
  const found = currentSession(ctx.k, ctx.req)
  if (!found) {
    sendNoSessionCookie(ctx)
    return
  }
  const others = otherActive(ctx, found.session)
  for (const s of others) ctx.k.state.revoke(s)
  sendJson(ctx.res, 200, { count: others.length })
}

const deleteOne = (ctx: Ctx, params: readonly string[]): void => {
  const id = params[0] ?? ''
  if (id === 'whoami') {
    whoami(ctx)
    return
  }
  const found = currentSession(ctx.k, ctx.req)
  if (!found) {
    sendNoSessionCookie(ctx)
    return
  }
  if (!uuidPattern.test(id)) {
    sendError(ctx.res, 400, {
      reason: 'Could not parse UUID',
      message: 'The request was malformed or contained invalid parameters',
    })
    return
  }
  if (id === found.session.id) {
    sendError(ctx.res, 400, {
      reason: 'cannot revoke current session',
      message: 'The request was malformed or contained invalid parameters',
    })
    return
  }
  // A foreign or unknown id also answers 204 and changes nothing (FACTS §6.2).
  const target = ctx.k.state.sessions.get(id)
  if (target && target.identityId === found.session.identityId) ctx.k.state.revoke(target)
  noContent(ctx.res)
}

export const sessionRoutes: readonly Route[] = [
  route('*', /^\/sessions\/whoami$/, whoami),
  route(['GET'], /^\/sessions$/, listMine),
  route(['DELETE'], /^\/sessions$/, deleteMine),
  route(['DELETE'], /^\/sessions\/([^/]+)$/, deleteOne),
]
