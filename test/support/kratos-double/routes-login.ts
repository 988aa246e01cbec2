// Login flows (FACTS §5.3, §6.1): new session and token unless an active session is refreshed or
// stepped up, in which case the same session id and token are reused and expires_at is reset.
import type { Ctx, Route } from './context.ts'
import { route } from './context.ts'
import { checkCsrf, looksLikeBrowser, regenerateCsrf } from './csrf.ts'
import {
  answerNewFlow,
  createFlow,
  errorRedirect,
  findFlow,
  flowWithMessage,
  getFlow,
  returnToAllowed,
  returnToForbidden,
  sessionAlreadyAvailable,
} from './flows.ts'
import { parseForm, redirect, sendError, sendJson, str, wantsJson } from './http.ts'
import { sessionJson } from './render.ts'
import { currentSession, issueSessionCookie, readCredential } from './session-cookie.ts'
import type { FlowRecord } from './state.ts'
import { verifyPassword } from './state.ts'
import { totpValid } from './totp.ts'
import type { Aal, IdentityRecord, SessionRecord } from './types.ts'
import { messages } from './ui-text.ts'

const initLogin = (ctx: Ctx, type: 'browser' | 'api'): void => {
  const q = ctx.url.searchParams
  const refresh = q.get('refresh') === 'true'
  const aal: Aal = q.get('aal') === 'aal2' ? 'aal2' : 'aal1'
  const returnTo = q.get('return_to') ?? undefined
  if (returnTo !== undefined && !returnToAllowed(ctx.k, returnTo)) {
    returnToForbidden(ctx)
    return
  }
  const found = currentSession(ctx.k, ctx.req)
  if (found && !refresh && aal !== 'aal2') {
    sessionAlreadyAvailable(ctx, type === 'api', returnTo)
    return
  }
  if (!found && aal === 'aal2') {
    if (type === 'browser' && !wantsJson(ctx.req)) {
      errorRedirect(ctx, 'session_aal1_required')
      return
    }
    sendError(ctx.res, 401, {
      id: 'session_aal1_required',
      reason: 'You can not requested a higher AAL (AAL2/AAL3) without an active session.',
      message: 'aal2 and aal3 can only be requested if a session exists already',
    })
    return
  }
  const flow = createFlow(ctx, 'login', type, {
    refresh,
    aal,
    ...(returnTo === undefined ? {} : { returnTo }),
  })
  answerNewFlow(ctx, flow)
}

const authenticate = async (
  ctx: Ctx,
  flow: FlowRecord,
  body: Record<string, unknown>,
  prior: SessionRecord | undefined,
): Promise<{ identity: IdentityRecord; method: 'password' | 'totp' } | undefined> => {
  const method = str(body['method'])
  if (method === 'totp' && prior) {
    const identity = ctx.k.state.identities.get(prior.identityId)
    if (identity && totpValid(ctx.k.state, identity.id, str(body['totp_code']) ?? ''))
      return { identity, method: 'totp' }
    flowWithMessage(ctx, flow, messages.totpWrong)
    return undefined
  }
  const identity = ctx.k.state.identityByEmail(str(body['identifier']) ?? '')
  const ok =
    method === 'password' &&
    identity !== undefined &&
    identity.state === 'active' &&
    (await verifyPassword(str(body['password']) ?? '', identity.passwordHash))
  if (identity && ok) return { identity, method: 'password' }
  flowWithMessage(ctx, flow, messages.invalidCredentials)
  return undefined
}

/** `sessionReusedOnLogin`: the fixation bug Kratos does not have — adopt the planted credential. */
const plantedSession = (ctx: Ctx, identity: IdentityRecord): SessionRecord | undefined => {
  const planted = readCredential(ctx.k, ctx.req)?.token
  if (!ctx.k.weak('sessionReusedOnLogin') || !planted) return undefined
  const cfg = ctx.k.settings()
  const existing = ctx.k.state.sessionByToken(planted)
  if (!existing) return ctx.k.state.issueSession(identity.id, cfg.lifespanMs, { token: planted })
  const now = new Date()
  Object.assign(existing, {
    identityId: identity.id,
    active: true,
    issuedAt: now,
    authenticatedAt: now,
    expiresAt: new Date(now.getTime() + cfg.lifespanMs),
  })
  return existing
}

const settle = (
  ctx: Ctx,
  prior: SessionRecord | undefined,
  identity: IdentityRecord,
  method: 'password' | 'totp',
): SessionRecord => {
  const cfg = ctx.k.settings()
  const now = new Date()
  const completed = {
    method,
    aal: method === 'totp' ? 'aal2' : 'aal1',
    completed_at: now.toISOString(),
  } as const
  if (prior && prior.identityId === identity.id) {
    // ActivateSession on the same object: same id, same token, new expiry (FACTS §5.3).
    prior.issuedAt = now
    prior.authenticatedAt = now
    prior.expiresAt = new Date(now.getTime() + cfg.lifespanMs)
    prior.methods.push(completed)
    if (method === 'totp') prior.aal = 'aal2'
    return prior
  }
  const ua = ctx.req.headers['user-agent']
  return (
    plantedSession(ctx, identity) ??
    ctx.k.state.issueSession(identity.id, cfg.lifespanMs, {
      methods: [completed],
      ip: ctx.req.socket.remoteAddress,
      userAgent: typeof ua === 'string' ? ua : '',
    })
  )
}

const respond = (ctx: Ctx, flow: FlowRecord, session: SessionRecord, reused: boolean): void => {
  const identity = ctx.k.state.identities.get(session.identityId)
  const json = sessionJson(session, identity, ctx.k.publicUrl)
  if (flow.type === 'api') {
    sendJson(ctx.res, 200, {
      session_token: session.token,
      session: json,
      continue_with: [{ action: 'set_ory_session_token', ory_session_token: session.token }],
    })
    return
  }
  issueSessionCookie(ctx.k, ctx.res, session)
  // IssueCookie regenerates the CSRF token unless the same identity's session was presented (§4.2).
  if (!reused) regenerateCsrf(ctx)
  const target = flow.returnTo ?? ctx.k.defaultReturnUrl
  if (wantsJson(ctx.req)) {
    sendJson(ctx.res, 200, {
      ...(ctx.k.weak('tokenInBrowserBody') ? { session_token: session.token } : {}),
      session: json,
      continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: target }],
    })
    return
  }
  const location = new URL(target, ctx.k.publicUrl)
  if (ctx.k.weak('tokenInUrl')) location.searchParams.set('session_token', session.token)
  redirect(ctx.res, 303, location.href)
}

const submitLogin = async (ctx: Ctx): Promise<void> => {
  const flow = findFlow(ctx, 'login', ctx.url.searchParams.get('flow'))
  if (!flow) return
  const body = await parseForm(ctx.req)
  if (!body) {
    sendError(ctx.res, 400, {
      reason: 'Unable to parse the request body.',
      message: 'The request was malformed or contained invalid parameters',
    })
    return
  }
  if (flow.type === 'browser' && !checkCsrf(ctx, str(body['csrf_token']))) return
  if (flow.type === 'api' && looksLikeBrowser(ctx)) {
    flowWithMessage(ctx, flow, messages.apiFlowFromBrowser(ctx.req.headers.origin !== undefined))
    return
  }
  const prior = currentSession(ctx.k, ctx.req)?.session
  if (
    prior &&
    !flow.refresh &&
    flow.requestedAal !== 'aal2' &&
    !ctx.k.weak('sessionReusedOnLogin')
  ) {
    sessionAlreadyAvailable(ctx, flow.type === 'api', flow.returnTo)
    return
  }
  const who = await authenticate(ctx, flow, body, prior)
  if (!who) return
  const session = settle(ctx, prior, who.identity, who.method)
  flow.state = 'passed_challenge'
  respond(ctx, flow, session, prior?.id === session.id)
}

export const loginRoutes: readonly Route[] = [
  route(['GET'], /^\/self-service\/login\/browser$/, (ctx) => {
    initLogin(ctx, 'browser')
  }),
  route(['GET'], /^\/self-service\/login\/api$/, (ctx) => {
    initLogin(ctx, 'api')
  }),
  route(['GET'], /^\/self-service\/login\/flows$/, (ctx) => {
    getFlow(ctx, 'login')
  }),
  route(['POST', 'GET'], /^\/self-service\/login$/, submitLogin),
]
