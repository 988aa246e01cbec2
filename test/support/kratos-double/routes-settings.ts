// Settings (FACTS §1.7, §6.1): needs a session, a recent authentication for changes
// (privileged_session_max_age; 0s or less turns the check off), and by default leaves other
// sessions alone unless the revoke_active_sessions hook is configured.
import type { Ctx, Route } from './context.ts'
import { route } from './context.ts'
import { checkCsrf } from './csrf.ts'
import {
  answerNewFlow,
  createFlow,
  findFlow,
  flowJson,
  flowWithMessage,
  passwordProblem,
  sessionInactive,
} from './flows.ts'
import { parseForm, redirect, sendError, sendJson, str, wantsJson } from './http.ts'
import { aal2Required, lacksAal, sendWhoamiUnauthorized } from './routes-sessions.ts'
import { currentSession } from './session-cookie.ts'
import { hashPassword } from './state.ts'
import { messages, settingsSaved } from './ui-text.ts'

const loginUrl = (ctx: Ctx): string => `${ctx.k.publicUrl}/self-service/login/browser`

const initSettings = (ctx: Ctx, type: 'browser' | 'api'): void => {
  const found = currentSession(ctx.k, ctx.req)
  if (!found) {
    if (type === 'browser' && !wantsJson(ctx.req)) {
      redirect(ctx.res, 303, loginUrl(ctx))
      return
    }
    sessionInactive(ctx)
    return
  }
  if (lacksAal(ctx, found.session, 'highest_available')) {
    aal2Required(ctx)
    return
  }
  answerNewFlow(ctx, createFlow(ctx, 'settings', type, { identityId: found.session.identityId }))
}

const getSettingsFlow = (ctx: Ctx): void => {
  const found = currentSession(ctx.k, ctx.req)
  if (!found) {
    if (!wantsJson(ctx.req)) {
      redirect(ctx.res, 302, loginUrl(ctx))
      return
    }
    sendWhoamiUnauthorized(ctx)
    return
  }
  const flow = findFlow(ctx, 'settings', ctx.url.searchParams.get('id'))
  if (!flow) return
  if (flow.identityId !== found.session.identityId) {
    sendError(ctx.res, 403, {
      id: 'security_identity_mismatch',
      reason: 'The flow was interrupted because the session changed.',
      message: 'The requested action was forbidden',
    })
    return
  }
  sendJson(ctx.res, 200, flowJson(ctx.k, flow))
}

const refreshRequired = (ctx: Ctx): void => {
  const to = `${loginUrl(ctx)}?refresh=true&return_to=${encodeURIComponent(`${ctx.k.uiUrl}/settings`)}`
  if (!wantsJson(ctx.req)) {
    redirect(ctx.res, 303, to)
    return
  }
  sendError(
    ctx.res,
    403,
    {
      id: 'session_refresh_required',
      reason:
        'The login session is too old and thus not allowed to update these fields. Please re-authenticate.',
      message: 'The requested action was forbidden',
      details: { redirect_browser_to: to },
    },
    { redirect_browser_to: to },
  )
}

const submitSettings = async (ctx: Ctx): Promise<void> => {
  const found = currentSession(ctx.k, ctx.req)
  if (!found) {
    if (!wantsJson(ctx.req)) {
      redirect(ctx.res, 302, loginUrl(ctx))
      return
    }
    sendWhoamiUnauthorized(ctx)
    return
  }
  const flow = findFlow(ctx, 'settings', ctx.url.searchParams.get('flow'))
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
  const { session } = found
  const cfg = ctx.k.settings()
  if (
    cfg.privilegedMaxAgeMs > 0 &&
    session.authenticatedAt.getTime() + cfg.privilegedMaxAgeMs < Date.now()
  ) {
    refreshRequired(ctx)
    return
  }
  const identity = ctx.k.state.identities.get(session.identityId)
  const password = str(body['password']) ?? ''
  if (!identity || str(body['method']) !== 'password') {
    flowWithMessage(ctx, flow, messages.settingsNoStrategy)
    return
  }
  const weak = passwordProblem(password)
  if (weak) {
    flowWithMessage(ctx, flow, weak)
    return
  }
  identity.passwordHash = await hashPassword(password)
  identity.updatedAt = new Date()
  if (cfg.revokeSessionsOnPasswordChange)
    for (const other of ctx.k.state.sessionsOf(identity.id))
      if (other.id !== session.id) ctx.k.state.revoke(other)
  flow.state = 'success'
  flow.messages = [{ ...settingsSaved }]
  if (flow.type === 'browser' && !wantsJson(ctx.req)) {
    redirect(ctx.res, 303, `${ctx.k.uiUrl}/settings?flow=${flow.id}`)
    return
  }
  sendJson(ctx.res, 200, flowJson(ctx.k, flow))
}

export const settingsRoutes: readonly Route[] = [
  route(['GET'], /^\/self-service\/settings\/browser$/, (ctx) => {
    initSettings(ctx, 'browser')
  }),
  route(['GET'], /^\/self-service\/settings\/api$/, (ctx) => {
    initSettings(ctx, 'api')
  }),
  route(['GET'], /^\/self-service\/settings\/flows$/, getSettingsFlow),
  route(['POST'], /^\/self-service\/settings$/, submitSettings),
]
