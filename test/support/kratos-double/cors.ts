// rs/cors v1.11.1 as Kratos wires it (FACTS §1.6): a custom origin check makes it echo the request's
// Origin (never `*`), and an allowed_origins list that is empty or contains `*` allows any origin.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Settings } from './config.ts'

const allowedMethods = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE']
const allowedHeaders = [
  'authorization',
  'content-type',
  'max-age',
  'x-session-token',
  'x-xsrf-token',
  'x-csrf-token',
]

const originAllowed = (origin: string, allowed: readonly string[]): boolean => {
  if (allowed.length === 0 || allowed.includes('*')) return true
  return allowed.some((entry) => {
    const star = entry.indexOf('*')
    if (star < 0) return entry.toLowerCase() === origin.toLowerCase()
    const [prefix, suffix] = [entry.slice(0, star), entry.slice(star + 1)]
    return origin.length >= entry.length && origin.startsWith(prefix) && origin.endsWith(suffix)
  })
}

/** Applies CORS; returns true when the request was a preflight and has been answered. */
export const applyCors = (
  req: IncomingMessage,
  res: ServerResponse,
  cors: Settings['cors'],
): boolean => {
  if (!cors.enabled) return false
  const origin = req.headers.origin
  const preflight =
    req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined
  if (preflight) {
    res.setHeader('Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers')
    const method = (req.headers['access-control-request-method'] ?? '').toUpperCase()
    const requested = (req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean)
    const ok =
      origin !== undefined &&
      originAllowed(origin, cors.allowedOrigins) &&
      allowedMethods.includes(method) &&
      requested.every((h) => allowedHeaders.includes(h))
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', origin)
      res.setHeader('Access-Control-Allow-Methods', method)
      if (requested.length > 0) res.setHeader('Access-Control-Allow-Headers', requested.join(', '))
      if (cors.allowCredentials) res.setHeader('Access-Control-Allow-Credentials', 'true')
    }
    res.statusCode = 204
    res.end()
    return true
  }
  res.setHeader('Vary', 'Origin')
  if (origin !== undefined && originAllowed(origin, cors.allowedOrigins)) {
    res.setHeader('Access-Control-Allow-Origin', origin)
    if (cors.allowCredentials) res.setHeader('Access-Control-Allow-Credentials', 'true')
    res.setHeader('Access-Control-Expose-Headers', 'Content-Type')
  }
  return false
}
