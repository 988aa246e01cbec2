// Registration (FACTS §5.3, §6.1): a new session is always persisted; the `session` hook decides
// whether the browser gets the cookie or the API caller the token.
import type { Ctx, Route } from './context.ts'
import { route } from './context.ts'
import { checkCsrf, looksLikeBrowser, regenerateCsrf } from './csrf.ts'
import {
  answerNewFlow,
  createFlow,
  findFlow,
  flowWithMessage,
  passwordProblem,
  getFlow,
  returnToAllowed,
  returnToForbidden,
} from './flows.ts'
import { parseForm, redirect, sendError, sendJson, str, wantsJson } from './http.ts'
import { identityJson, sessionJson } from './render.ts'
import { currentSession, issueSessionCookie } from './session-cookie.ts'
import { messages } from './ui-text.ts'

// IsNotAuthenticated + onAuthenticated: 400 under JSON or for API flows, else a 302 (FACTS §6.1).
const alreadyAuthenticated = (ctx: Ctx, api: boolean): boolean => {
  if (!currentSession(ctx.k, ctx.req)) return false
  if (api || wantsJson(ctx.req))
    sendError(ctx.res, 400, {
      id: 'session_already_available',
      reason: 'A valid session was detected and thus registration is not possible.',
      message: 'The request was malformed or contained invalid parameters',
    })
  else redirect(ctx.res, 302, ctx.k.defaultReturnUrl)
  return true
}

const initRegistration = (ctx: Ctx, type: 'browser' | 'api'): void => {
  const returnTo = ctx.url.searchParams.get('return_to') ?? undefined
  if (returnTo !== undefined && !returnToAllowed(ctx.k, returnTo)) {
    returnToForbidden(ctx)
    return
  }
  if (alreadyAuthenticated(ctx, type === 'api')) return
  answerNewFlow(
    ctx,
    createFlow(ctx, 'registration', type, returnTo === undefined ? {} : { returnTo }),
  )
}

const traitEmail = (body: Record<string, unknown>): string | undefined => {
  const traits = body['traits']
  if (typeof traits === 'object' && traits !== null)
    return str((traits as Record<string, unknown>)['email'])
  return str(body['traits.email'])
}

const submitRegistration = async (ctx: Ctx): Promise<void> => {
  const flow = findFlow(ctx, 'registration', ctx.url.searchParams.get('flow'))
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
  if (alreadyAuthenticated(ctx, flow.type === 'api')) return
  const email = traitEmail(body)
  const password = str(body['password']) ?? ''
  // Kratos' order (password/registration.go): an empty password, then the traits against the
  // identity schema, then the password policy.
  const weak = !password
    ? messages.required('password')
    : !email
      ? messages.required('email')
      : passwordProblem(password)
  if (weak || !email) {
    flowWithMessage(ctx, flow, weak ?? messages.required('email'))
    return
  }
  if (ctx.k.state.identityByEmail(email)) {
    flowWithMessage(ctx, flow, messages.duplicateCredentials)
    return
  }
  const identity = await ctx.k.state.createIdentity(email, password)
  const cfg = ctx.k.settings()
  const session = ctx.k.state.issueSession(identity.id, cfg.lifespanMs)
  flow.state = 'passed_challenge'
  const identityBody = identityJson(identity, ctx.k.publicUrl)
  const hook = cfg.registrationSessionHook
  const sessionBody = sessionJson(session, identity, ctx.k.publicUrl)
  if (flow.type === 'api') {
    sendJson(ctx.res, 200, {
      identity: identityBody,
      ...(hook ? { session: sessionBody, session_token: session.token } : {}),
      continue_with: hook
        ? [{ action: 'set_ory_session_token', ory_session_token: session.token }]
        : [],
    })
    return
  }
  if (hook) {
    issueSessionCookie(ctx.k, ctx.res, session)
    regenerateCsrf(ctx)
  }
  const target = flow.returnTo ?? ctx.k.defaultReturnUrl
  if (wantsJson(ctx.req)) {
    sendJson(ctx.res, 200, {
      identity: identityBody,
      ...(hook ? { session: sessionBody } : {}),
      continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: target }],
    })
    return
  }
  redirect(ctx.res, 303, target)
}

export const registrationRoutes: readonly Route[] = [
  route(['GET'], /^\/self-service\/registration\/browser$/, (ctx) => {
    initRegistration(ctx, 'browser')
  }),
  route(['GET'], /^\/self-service\/registration\/api$/, (ctx) => {
    initRegistration(ctx, 'api')
  }),
  route(['GET'], /^\/self-service\/registration\/flows$/, (ctx) => {
    getFlow(ctx, 'registration')
  }),
  route(['POST', 'GET'], /^\/self-service\/registration$/, submitRegistration),
]
