import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { denyBody } from '../core/decision.ts'
import type { Guard } from '../core/guard.ts'
import type { LogoutResult } from '../core/logout.ts'
import type { GuardDecision, GuardRequest, KratosSession, RouteOptions } from '../core/types.ts'

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
  return async function kratosGuard(
    req: Request,
    res: Response,
    next: NextFunction,
  ): Promise<void> {
    const decision = await guard(guardRequest(req), route, req.ip)
    send(res, decision)
    if (decision.type === 'allow') {
      req.kratosSession = decision.session
      next()
    }
  }
}

/** A logout route: `app.post('/logout', expressLogout(guard, { returnTo: '/' }))`. */
export function expressLogout(
  guard: Guard,
  options: { readonly returnTo?: string } = {},
): RequestHandler {
  return async function kratosLogout(req: Request, res: Response): Promise<void> {
    const result: LogoutResult = await guard.logoutBrowser(guardRequest(req), options)
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

/** A light view of the request: no Web `Request` is built, and the URL only when needed. */
function guardRequest(req: Request): GuardRequest {
  return {
    headers: {
      get(name: string): string | null {
        const value = req.headers[name]
        if (value === undefined) return null
        return typeof value === 'string' ? value : value.join(', ')
      },
    },
    get url(): string {
      return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`
    },
  }
}
