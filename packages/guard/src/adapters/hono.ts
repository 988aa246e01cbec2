import type { Context, MiddlewareHandler, Next } from 'hono'
import { denyResponse } from '../core/decision.ts'
import type { Guard } from '../core/guard.ts'
import type { GuardDecision, KratosSession, RouteOptions } from '../core/types.ts'

export interface GuardVariables {
  kratosSession: KratosSession
}

export interface HonoGuardOptions {
  /** The client's address for IP binding (runtime-specific in Hono, e.g. `getConnInfo`). */
  readonly clientIp?: (c: Context) => string | undefined
}

/**
 * Hono 4 middleware: `app.use('/app/*', honoGuard(guard))`; the session is `c.get('kratosSession')`.
 * Hono speaks Web `Request`, so the raw request goes to the core as is.
 */
export function honoGuard(
  guard: Guard,
  route?: RouteOptions,
  options: HonoGuardOptions = {},
): MiddlewareHandler<{ Variables: GuardVariables }> {
  const { clientIp } = options
  return function kratosGuard(c, next) {
    // A hit is decided synchronously: no async frame, no await of ours (Hono's compose already
    // awaits what comes back); the client address is read only when needed.
    const pending = guard.decide(
      c.req.raw,
      route,
      clientIp && ((): string | undefined => clientIp(c)),
    )
    if (pending instanceof Promise) return pending.then((decision) => settle(c, next, decision))
    return settle(c, next, pending)
  }
}

function settle(
  c: Context<{ Variables: GuardVariables }>,
  next: Next,
  decision: GuardDecision,
): ReturnType<MiddlewareHandler> {
  // Hono's middleware type asks for a promise; compose awaits whatever comes back anyway.
  if (decision.type === 'deny') return Promise.resolve(denyResponse(decision))
  c.set('kratosSession', decision.session)
  // next() resolves to the Context, which compose would take as the response of a handler that
  // returned none (not Hono's 'Context is not finalized' error): resolve to nothing, as await did.
  if (decision.headers.length === 0) return next().then(nothing)
  const { headers } = decision
  return next().then(() => {
    // whoami's Set-Cookie after an extend must reach the browser (FACTS.md §4.1, kratos#2562);
    // a handler may return a Response with immutable headers (from fetch): Hono's `res` setter
    // makes a mutable copy, and appending after it keeps the handler's own cookies too.
    c.res = new Response(c.res.body, c.res)
    for (const [name, value] of headers) c.res.headers.append(name, value)
  })
}

function nothing(): undefined {
  return undefined
}
