// Logout (FACTS §6.1): browser logout is authorised by the secret logout token, revokes the session
// (active=false), deletes the cookie and regenerates the CSRF token; API logout revokes by token.
import type { Ctx, Route } from './context.ts'
import { route } from './context.ts'
import { regenerateCsrf } from './csrf.ts'
import { errorRedirect, returnToAllowed, returnToForbidden, sessionInactive } from './flows.ts'
import { noContent, parseForm, redirect, sendError, sendJson, str, wantsJson } from './http.ts'
import { clearSessionCookie, currentSession } from './session-cookie.ts'
import type { SessionRecord } from './types.ts'

const createLogoutUrl = (ctx: Ctx): void => {
  const found = currentSession(ctx.k, ctx.req)
  if (!found) {
    if (!wantsJson(ctx.req)) {
      errorRedirect(ctx, 'session_inactive')
      return
    }
    sessionInactive(ctx)
    return
  }
  const returnTo = ctx.url.searchParams.get('return_to')
  if (returnTo !== null && !returnToAllowed(ctx.k, returnTo)) {
    returnToForbidden(ctx)
    return
  }
  const url = new URL(`${ctx.k.publicUrl}/self-service/logout`)
  url.searchParams.set('token', found.session.logoutToken)
  if (returnTo !== null) url.searchParams.set('return_to', returnTo)
  sendJson(ctx.res, 200, { logout_url: url.href, logout_token: found.session.logoutToken })
}

/** PurgeFromRequest looks at `Authorization: Bearer` first (FACTS §6.1 quirk). */
const sessionToPurge = (ctx: Ctx): SessionRecord | undefined => {
  const parts = (ctx.req.headers.authorization ?? '').split(' ')
  if (parts.length === 2 && parts[0]?.toLowerCase() === 'bearer' && parts[1]) {
    const bearer = ctx.k.state.sessionByToken(parts[1])
    if (bearer && ctx.k.state.isActive(bearer)) return bearer
  }
  return currentSession(ctx.k, ctx.req)?.session
}

const performLogout = (ctx: Ctx): void => {
  const token = ctx.url.searchParams.get('token')
  const returnTo = ctx.url.searchParams.get('return_to')
  const session = sessionToPurge(ctx)
  if (!session) {
    if (!wantsJson(ctx.req)) {
      errorRedirect(ctx, 'session_inactive')
      return
    }
    sessionInactive(ctx)
    return
  }
  if (!token) {
    sendError(ctx.res, 400, {
      reason: 'Please include a token in the URL query.',
      message: 'The request was malformed or contained invalid parameters',
    })
    return
  }
  if (token !== session.logoutToken) {
    sendError(ctx.res, 403, {
      reason:
        'Unable to log out because the logout token in the URL query does not match the session cookie.',
      message: 'The requested action was forbidden',
    })
    return
  }
  if (returnTo !== null && !returnToAllowed(ctx.k, returnTo)) {
    returnToForbidden(ctx)
    return
  }
  if (!ctx.k.weak('logoutDoesNotRevoke')) ctx.k.state.revoke(session)
  clearSessionCookie(ctx.k, ctx.res)
  regenerateCsrf(ctx)
  if (wantsJson(ctx.req)) {
    noContent(ctx.res)
    return
  }
  redirect(ctx.res, 303, returnTo ?? ctx.k.defaultReturnUrl)
}

const apiLogout = async (ctx: Ctx): Promise<void> => {
  const body = await parseForm(ctx.req)
  const token = body ? str(body['session_token']) : undefined
  if (!token) {
    sendError(ctx.res, 400, {
      reason: 'The request body is malformed or session_token is missing.',
      message: 'The request was malformed or contained invalid parameters',
    })
    return
  }
  const session = ctx.k.state.sessionByToken(token)
  if (!session) {
    sendError(ctx.res, 403, {
      reason:
        'The provided Ory Session Token could not be found, is invalid, or otherwise malformed.',
      message: 'The requested action was forbidden',
    })
    return
  }
  // 204 also when already revoked; the token is the only authorisation and no cookie is cleared.
  if (!ctx.k.weak('apiLogoutDoesNotRevoke')) ctx.k.state.revoke(session)
  noContent(ctx.res)
}

export const logoutRoutes: readonly Route[] = [
  route(['GET'], /^\/self-service\/logout\/browser$/, createLogoutUrl),
  route(['GET'], /^\/self-service\/logout$/, performLogout),
  route(['DELETE'], /^\/self-service\/logout\/api$/, apiLogout),
]
