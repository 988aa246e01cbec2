import { NextResponse } from 'next/server.js'
import type { NextRequest } from 'next/server.js'
import { denyResponse } from '../core/decision.ts'
import type { Guard } from '../core/guard.ts'
import type { RouteOptions } from '../core/types.ts'

export interface NextGuardOptions {
  /** Per-path policy, e.g. `(r) => r.nextUrl.pathname.startsWith('/billing') ? { requiredAal: 'aal2' } : undefined`. */
  readonly route?: (request: NextRequest) => RouteOptions | undefined
  /** Paths that skip the guard (login pages, assets), checked before any work. */
  readonly skip?: (request: NextRequest) => boolean
  /** The client's address for IP binding, as your hosting sets it. */
  readonly clientIp?: (request: NextRequest) => string | undefined
}

/** Headers the guard sets for route handlers; a client's own copies are always replaced. */
export const SESSION_ID_HEADER = 'x-kratos-session-id'
export const IDENTITY_ID_HEADER = 'x-kratos-identity-id'

/**
 * Next.js 15 `middleware.ts` and 16 `proxy.ts`: `export const proxy = nextGuard(guard)` (or
 * `export const middleware = …`). On Next 15 set `runtime: 'nodejs'` for the synchronous hash.
 */
export function nextGuard(
  guard: Guard,
  options: NextGuardOptions = {},
): (request: NextRequest) => Promise<NextResponse> {
  return async function kratosGuardProxy(request: NextRequest): Promise<NextResponse> {
    const requestHeaders = new Headers(request.headers)
    requestHeaders.delete(SESSION_ID_HEADER)
    requestHeaders.delete(IDENTITY_ID_HEADER)
    if (options.skip?.(request) === true)
      return NextResponse.next({ request: { headers: requestHeaders } })
    const decision = await guard(request, options.route?.(request), options.clientIp?.(request))
    if (decision.type === 'deny') {
      const denied = denyResponse(decision)
      return new NextResponse(denied.body, { status: denied.status, headers: denied.headers })
    }
    requestHeaders.set(SESSION_ID_HEADER, decision.session.id)
    const identityId = decision.session.identity?.id
    if (identityId !== undefined) requestHeaders.set(IDENTITY_ID_HEADER, identityId)
    const response = NextResponse.next({ request: { headers: requestHeaders } })
    for (const [name, value] of decision.headers) response.headers.append(name, value)
    return response
  }
}
