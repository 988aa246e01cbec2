import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { denyBody } from '../core/decision.ts'
import type { Guard } from '../core/guard.ts'
import type { LogoutResult } from '../core/logout.ts'
import type { GuardDecision, KratosSession, RouteOptions } from '../core/types.ts'
import { NodeView } from '../core/node-view.ts'

declare module 'express-serve-static-core' {
  interface Request {
    /** The Kratos session, set by the guard on allowed requests. */
    kratosSession?: KratosSession
  }
}

/**
 * Express 5 middleware: `app.use(expressGuard(guard))`, or per route with a stricter policy
 * (`expressGuard(guard, { requiredAal: 'aal2' })`). Uses `req.ip`, so set Express' `trust proxy`.
 */
export function expressGuard(guard: Guard, route?: RouteOptions): RequestHandler {
  return function kratosGuard(
    req: Request,
    res: Response,
    next: NextFunction,
  ): Promise<void> | void {
    // A hit is decided synchronously (no promise, no microtask); req.ip runs proxy-addr over
    // X-Forwarded-For, so it is read only when IP binding asks for it.
    const decision = guard.decide(new ExpressView(req), route, () => req.ip)
    if (decision instanceof Promise)
      return decision.then((settled) => {
        settle(req, res, next, settled)
      })
    settle(req, res, next, decision)
  }
}

function settle(req: Request, res: Response, next: NextFunction, decision: GuardDecision): void {
  send(res, decision)
  if (decision.type === 'allow') {
    req.kratosSession = decision.session
    next()
  }
}

/** A logout route: `app.post('/logout', expressLogout(guard, { returnTo: '/' }))`. */
export function expressLogout(
  guard: Guard,
  options: { readonly returnTo?: string } = {},
): RequestHandler {
  return async function kratosLogout(req: Request, res: Response): Promise<void> {
    const result: LogoutResult = await guard.logoutBrowser(new ExpressView(req), options)
    for (const [name, value] of result.headers) res.append(name, value)
    res.status(result.status).set('cache-control', 'no-store').end()
  }
}

function send(res: Response, decision: GuardDecision): void {
  for (const [name, value] of decision.headers) res.append(name, value)
  if (decision.type === 'allow') return
  res.status(decision.status).set('cache-control', 'no-store')
  if (decision.redirect !== undefined) res.end()
  else res.type('application/json').send(denyBody(decision))
}

class ExpressView extends NodeView<Request> {
  get url(): string {
    return `${this.req.protocol}://${this.req.get('host') ?? 'localhost'}${this.req.originalUrl}`
  }
}
