import type { Context, MiddlewareHandler } from 'hono'
import { denyResponse } from '../core/decision.ts'
import type { Guard } from '../core/guard.ts'
import type { KratosSession, RouteOptions } from '../core/types.ts'

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
  return async function kratosGuard(c, next) {
    // A hit is decided synchronously (no await); the client address is read only when needed.
    const clientIp = options.clientIp && ((): string | undefined => options.clientIp?.(c))
    const pending = guard.decide(c.req.raw, route, clientIp)
    const decision = pending instanceof Promise ? await pending : pending
    if (decision.type === 'deny') return denyResponse(decision)
    c.set('kratosSession', decision.session)
    await next()
    if (decision.headers.length === 0) return undefined
    // whoami's Set-Cookie after an extend must reach the browser (FACTS.md §4.1, kratos#2562);
    // a handler may return a Response with immutable headers (from fetch): Hono's `res` setter
    // makes a mutable copy, and appending after it keeps the handler's own cookies too.
    c.res = new Response(c.res.body, c.res)
    for (const [name, value] of decision.headers) c.res.headers.append(name, value)
    return undefined
  }
}
