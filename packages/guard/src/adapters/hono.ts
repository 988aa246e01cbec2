import type { Context, Handler, MiddlewareHandler, Next } from 'hono'
import { applyHeaders, denyResponse } from '../core/decision.ts'
import type { Guard } from '../core/guard.ts'
import type { GuardDecision, KratosSession, RouteOptions } from '../core/types.ts'

export interface GuardVariables {
  kratosSession: KratosSession
}

export interface HonoGuardOptions {
  /** The client's address for IP binding (runtime-specific in Hono, e.g. `getConnInfo`). */
  readonly clientIp?: (c: Context) => string | undefined
}

type GuardContext = Context<{ Variables: GuardVariables }>
type Allowed = Extract<GuardDecision, { type: 'allow' }>
/** Where an allowed request goes on: next() for the middleware, the handler for the wrapper. */
type Pass<R> = (c: GuardContext, next: Next, decision: Allowed) => R

/**
 * Hono 4 middleware: `app.use('/app/*', honoGuard(guard))`; the session is `c.get('kratosSession')`.
 * Hono speaks Web `Request`, so the raw request goes to the core as is.
 */
export function honoGuard(
  guard: Guard,
  route?: RouteOptions,
  options: HonoGuardOptions = {},
): MiddlewareHandler<{ Variables: GuardVariables }> {
  const kratosGuard = guarded(guard, route, options, viaNext)
  // Hono's middleware type asks for a promise; Promise.resolve hands a hit's own promise back as is.
  return (c, next) => Promise.resolve(kratosGuard(c, next))
}

/**
 * Hono 4 route handler: `app.get('/me', honoGuarded(guard, (c) => c.json(…)))`. One handler per
 * route keeps Hono's single-handler dispatch, which any middleware leaves (bench/guard-notes.md);
 * a denied request gets denyResponse(decision), whatever type the handler's answers have.
 */
export function honoGuarded<H extends Handler<{ Variables: GuardVariables }>>(
  guard: Guard,
  handler: H,
  route?: RouteOptions,
  options: HonoGuardOptions = {},
): H {
  return guarded(guard, route, options, (c, next, decision): unknown =>
    decision.headers.length === 0 ? handler(c, next) : withHeaders(handler, c, next, decision),
  ) as H
}

function guarded<R>(
  guard: Guard,
  route: RouteOptions | undefined,
  options: HonoGuardOptions,
  pass: Pass<R>,
) {
  const { clientIp } = options
  return (c: GuardContext, next: Next): R | Response | Promise<R | Response> => {
    // A hit is decided synchronously: no async frame, no promise of ours; the client address is
    // read only when needed.
    const pending = guard.decide(
      c.req.raw,
      route,
      clientIp && ((): string | undefined => clientIp(c)),
    )
    if (pending instanceof Promise)
      return pending.then((decision) => settle(c, next, decision, pass))
    return settle(c, next, pending, pass)
  }
}

function settle<R>(
  c: GuardContext,
  next: Next,
  decision: GuardDecision,
  pass: Pass<R>,
): R | Response {
  if (decision.type === 'deny') return denyResponse(decision)
  c.set('kratosSession', decision.session)
  return pass(c, next, decision)
}

function viaNext(c: GuardContext, next: Next, decision: Allowed): Promise<void> {
  // next() resolves to the Context, which compose would take as the response of a handler that
  // returned none (not Hono's 'Context is not finalized' error): resolve to nothing, as await did.
  if (decision.headers.length === 0) return next().then(nothing)
  return next().then(() => {
    // whoami's Set-Cookie after an extend must reach the browser (FACTS.md §4.1, kratos#2562);
    // a handler may return a Response with immutable headers (from fetch): Hono's `res` setter
    // makes a mutable copy, and appending after it keeps the handler's own cookies too.
    c.res = new Response(c.res.body, c.res)
    applyHeaders(decision, c.res.headers)
  })
}

function nothing(): undefined {
  return undefined
}

// Only a whoami (never a cache hit) brings headers, so this path may await.
async function withHeaders(
  handler: Handler,
  c: GuardContext,
  next: Next,
  decision: Allowed,
): Promise<unknown> {
  let result: unknown
  try {
    result = await handler(c, next)
  } catch (error) {
    throw onContext(c, decision, error)
  }
  if (!(result instanceof Response)) return onContext(c, decision, result)
  // As in viaNext: copy (headers from fetch are immutable), then append after the handler's own.
  const response = new Response(result.body, result)
  applyHeaders(decision, response.headers)
  return response
}

/** Hono answers a thrown error (app.onError) or a missing Response (notFound) through `c`. */
function onContext(c: GuardContext, decision: Allowed, passing: unknown): unknown {
  for (const [name, value] of decision.headers) c.header(name, value, { append: true })
  return passing
}
