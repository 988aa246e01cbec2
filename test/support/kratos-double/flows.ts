// Self-service flow objects and the answers shared by login, registration and settings (FACTS §6.1).
import { randomUUID } from 'node:crypto'
import type { Ctx, Internals } from './context.ts'
import { ensureCsrf, maskToken, csrfSecretOf, sameSecret } from './csrf.ts'
import { redirect, sendError, sendJson, wantsJson } from './http.ts'
import { identityJson } from './render.ts'
import type { FlowKind, FlowRecord } from './state.ts'
import type { Aal } from './types.ts'
import { labels, messages, type UiText } from './ui-text.ts'

type Node = Record<string, unknown>

const input = (
  name: string,
  type: string,
  group: string,
  extra: Record<string, unknown> = {},
  label?: UiText,
): Node => ({
  type: 'input',
  group,
  attributes: { name, type, disabled: false, node_type: 'input', ...extra },
  messages: [],
  meta: label ? { label: { ...label } } : {},
})

const nodesFor = (flow: FlowRecord): Node[] => {
  const csrf =
    flow.type === 'browser'
      ? [input('csrf_token', 'hidden', 'default', { value: flow.csrfToken, required: true })]
      : []
  if (flow.kind === 'login' && flow.requestedAal === 'aal2')
    return [
      ...csrf,
      input('totp_code', 'text', 'totp', { required: true }, labels.totpCode),
      input('method', 'submit', 'totp', { value: 'totp' }, labels.useAuthenticator),
    ]
  if (flow.kind === 'login')
    return [
      ...csrf,
      input('identifier', 'text', 'default', { value: '', required: true }, labels.identifier),
      input(
        'password',
        'password',
        'password',
        { required: true, autocomplete: 'current-password' },
        labels.password,
      ),
      input('method', 'submit', 'password', { value: 'password' }, labels.signIn),
    ]
  if (flow.kind === 'registration')
    return [
      ...csrf,
      input(
        'traits.email',
        'email',
        'password',
        { required: true, autocomplete: 'email' },
        labels.trait('E-Mail'),
      ),
      input(
        'password',
        'password',
        'password',
        { required: true, autocomplete: 'new-password' },
        labels.password,
      ),
      input('method', 'submit', 'password', { value: 'password' }, labels.signUp),
    ]
  return [
    ...csrf,
    input(
      'password',
      'password',
      'password',
      { required: true, autocomplete: 'new-password' },
      labels.password,
    ),
    input('method', 'submit', 'password', { value: 'password' }, labels.save),
  ]
}

export const flowJson = (k: Internals, flow: FlowRecord): Record<string, unknown> => {
  const identity = flow.identityId ? k.state.identities.get(flow.identityId) : undefined
  return {
    id: flow.id,
    type: flow.type,
    expires_at: flow.expiresAt.toISOString(),
    issued_at: flow.issuedAt.toISOString(),
    request_url: flow.requestUrl,
    ...(flow.returnTo ? { return_to: flow.returnTo } : {}),
    ui: {
      action: `${k.publicUrl}/self-service/${flow.kind}?flow=${flow.id}`,
      method: 'POST',
      nodes: nodesFor(flow),
      ...(flow.messages.length ? { messages: flow.messages } : {}),
    },
    state: flow.state,
    ...(flow.kind === 'login'
      ? {
          created_at: flow.issuedAt.toISOString(),
          updated_at: flow.issuedAt.toISOString(),
          refresh: flow.refresh,
          requested_aal: flow.requestedAal,
        }
      : {}),
    ...(flow.kind === 'settings' && identity
      ? { identity: identityJson(identity, k.publicUrl) }
      : {}),
  }
}

/** `selfservice.allowed_return_urls`: same origin as the public URL or a listed prefix (§6.1). */
export const returnToAllowed = (k: Internals, target: string): boolean => {
  if (k.weak('openRedirect')) return true
  let url: URL
  try {
    url = new URL(target, k.publicUrl)
  } catch {
    return false
  }
  if (url.origin === new URL(k.publicUrl).origin) return true
  return (k.options.allowedReturnUrls ?? []).some((allowed) => url.href.startsWith(allowed))
}

export const createFlow = (
  ctx: Ctx,
  kind: FlowKind,
  type: 'browser' | 'api',
  options: { refresh?: boolean; aal?: Aal; identityId?: string; returnTo?: string } = {},
): FlowRecord => {
  const now = new Date()
  const secret = type === 'browser' ? ensureCsrf(ctx) : Buffer.alloc(0)
  const flow: FlowRecord = {
    id: randomUUID(),
    kind,
    type,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + ctx.k.settings().flowLifespanMs),
    requestUrl: `${ctx.k.publicUrl}${ctx.url.pathname}${ctx.url.search}`,
    returnTo: options.returnTo,
    refresh: options.refresh ?? false,
    requestedAal: options.aal ?? 'aal1',
    csrfToken: type === 'browser' ? maskToken(secret) : '',
    csrfSecret: secret.toString('base64'),
    identityId: options.identityId,
    state: kind === 'settings' ? 'show_form' : 'choose_method',
    messages: [],
  }
  ctx.k.state.flows.set(flow.id, flow)
  return flow
}

/** Browser init: 200 + flow under JSON, otherwise 303 to the UI (FACTS §6.1). */
export const answerNewFlow = (ctx: Ctx, flow: FlowRecord): void => {
  ctx.res.setHeader('Vary', 'Cookie')
  if (flow.type === 'api' || wantsJson(ctx.req)) sendJson(ctx.res, 200, flowJson(ctx.k, flow))
  else redirect(ctx.res, 303, `${ctx.k.uiUrl}/${flow.kind}?flow=${flow.id}`)
}

export const errorRedirect = (ctx: Ctx, id: string): void => {
  redirect(ctx.res, 303, `${ctx.k.uiUrl}/error?id=${encodeURIComponent(id)}`)
}

export const sessionAlreadyAvailable = (ctx: Ctx, api: boolean, returnTo?: string): void => {
  if (api || wantsJson(ctx.req))
    sendError(ctx.res, 400, {
      id: 'session_already_available',
      reason:
        'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
      message: 'The request was malformed or contained invalid parameters',
    })
  else redirect(ctx.res, 303, returnTo ?? ctx.k.defaultReturnUrl)
}

export const sessionInactive = (ctx: Ctx): void => {
  sendError(ctx.res, 401, {
    id: 'session_inactive',
    reason: 'No active session was found in this request.',
    message: 'request does not have a valid authentication session',
  })
}

export const returnToForbidden = (ctx: Ctx): void => {
  if (!wantsJson(ctx.req) && !ctx.url.pathname.endsWith('/api')) {
    errorRedirect(ctx, 'self_service_flow_return_to_forbidden')
    return
  }
  sendError(ctx.res, 400, {
    id: 'self_service_flow_return_to_forbidden',
    reason: 'Requested return_to URL is not allowed.',
    message: 'The request was malformed or contained invalid parameters',
  })
}

const flowExpired = (ctx: Ctx, flow: FlowRecord): void => {
  const fresh = createFlow(ctx, flow.kind, flow.type, {
    refresh: flow.refresh,
    aal: flow.requestedAal,
    ...(flow.identityId ? { identityId: flow.identityId } : {}),
  })
  if (flow.type === 'browser' && !wantsJson(ctx.req)) {
    redirect(ctx.res, 303, `${ctx.k.uiUrl}/${flow.kind}?flow=${fresh.id}`)
    return
  }
  const since = Date.now() - flow.expiresAt.getTime()
  sendError(
    ctx.res,
    410,
    {
      id: 'self_service_flow_expired',
      reason: `The self-service flow expired ${Math.round(since / 60000)} minutes ago, initialize a new one.`,
      message: 'self-service flow expired',
    },
    { use_flow_id: fresh.id, expired_at: flow.expiresAt.toISOString(), since: since * 1e6 },
  )
}

/** Looks the flow up for a submit or `…/flows?id=`; answers and returns undefined when unusable. */
export const findFlow = (ctx: Ctx, kind: FlowKind, id: string | null): FlowRecord | undefined => {
  const flow = id ? ctx.k.state.flows.get(id) : undefined
  if (flow?.kind !== kind) {
    sendError(ctx.res, id ? 404 : 400, {
      reason: id
        ? 'Unable to locate the resource'
        : 'the flow query parameter is missing or malformed',
      message: id
        ? 'The requested resource could not be found'
        : 'The request was malformed or contained invalid parameters',
    })
    return undefined
  }
  if (flow.expiresAt.getTime() < Date.now()) {
    flowExpired(ctx, flow)
    return undefined
  }
  return flow
}

/** `GET /self-service/<kind>/flows?id=` checks the CSRF cookie against the flow's (FACTS §6.1). */
export const getFlow = (ctx: Ctx, kind: FlowKind): void => {
  const flow = findFlow(ctx, kind, ctx.url.searchParams.get('id'))
  if (!flow) return
  if (flow.type === 'browser' && !ctx.k.weak('csrfNotChecked')) {
    const secret = csrfSecretOf(ctx)
    if (!secret || !sameSecret(secret, Buffer.from(flow.csrfSecret, 'base64'))) {
      sendError(ctx.res, 403, {
        id: 'security_csrf_violation',
        reason: 'The anti-CSRF cookie does not match the flow.',
        message: 'the request was rejected to protect you from Cross-Site-Request-Forgery',
        details: { docs: 'https://www.ory.sh/kratos/docs/debug/csrf' },
      })
      return
    }
  }
  sendJson(ctx.res, 200, flowJson(ctx.k, flow))
}

/** What Kratos' password validator says first (password/validator.go; default minimum length 8). */
export const passwordProblem = (password: string): UiText | undefined =>
  password === ''
    ? messages.required('password')
    : password.length < 8
      ? messages.passwordMinLength(8, password.length)
      : undefined

/** 400 + the flow with a UI message (wrong credentials, browser request on an API flow, …). */
export const flowWithMessage = (ctx: Ctx, flow: FlowRecord, message: UiText): void => {
  flow.messages = [{ ...message }]
  if (flow.type === 'browser' && !wantsJson(ctx.req)) {
    redirect(ctx.res, 303, `${ctx.k.uiUrl}/${flow.kind}?flow=${flow.id}`)
    return
  }
  sendJson(ctx.res, 400, flowJson(ctx.k, flow))
}
