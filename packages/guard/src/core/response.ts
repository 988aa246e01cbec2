import { toHeaders } from './decision.ts'
import type { LogoutResult } from './logout.ts'

/** A Web `Response` for a logout result (Hono, Next.js, any fetch-style server). */
export function logoutResponse(result: LogoutResult): Response {
  const headers = toHeaders(result.headers)
  headers.set('cache-control', 'no-store')
  return new Response(null, { status: result.status, headers })
}
