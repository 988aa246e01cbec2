// Response helpers shaped like Kratos' (herodot JSON errors, FACTS §6.5; negotiation, FACTS §6).
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'

export interface HerodotError {
  id?: string
  reason?: string
  message: string
  details?: Record<string, unknown>
}

export const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.end(text)
}

/** The herodot envelope; `extra` holds top-level siblings such as `redirect_browser_to`. */
export const errorBody = (
  status: number,
  error: HerodotError,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  error: {
    ...(error.id === undefined ? {} : { id: error.id }),
    code: status,
    status: STATUS_CODES[status] ?? 'Error',
    ...(error.reason === undefined ? {} : { reason: error.reason }),
    ...(error.details === undefined ? {} : { details: error.details }),
    message: error.message,
  },
  ...extra,
})

export const sendError = (
  res: ServerResponse,
  status: number,
  error: HerodotError,
  extra: Record<string, unknown> = {},
): void => {
  // herodot always writes the header, empty when the error has no id (FACTS §6.5).
  res.setHeader('Ory-Error-Id', error.id ?? '')
  sendJson(res, status, errorBody(status, error, extra))
}

export const redirect = (
  res: ServerResponse,
  status: 302 | 303 | 307 | 308,
  location: string,
): void => {
  res.statusCode = status
  res.setHeader('Location', location)
  res.end()
}

export const noContent = (res: ServerResponse): void => {
  res.statusCode = 204
  res.end()
}

/** `x/isjsonrequest.go`: Accept: application/json, or a JSON body on submits (FACTS §6). */
export const wantsJson = (req: IncomingMessage): boolean =>
  (req.headers.accept ?? '').includes('application/json') ||
  (req.method !== 'GET' && (req.headers['content-type'] ?? '').includes('application/json'))

const maxBody = 5 * 1024 * 1024 // Kratos caps request bodies at 5 MB (FACTS §6).

export const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBody) throw new Error('body too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** JSON or form-urlencoded body → flat record (nested `traits.email` keys kept as dotted names). */
export const parseForm = async (
  req: IncomingMessage,
): Promise<Record<string, unknown> | undefined> => {
  const text = await readBody(req)
  if (!text) return {}
  const type = req.headers['content-type'] ?? ''
  if (type.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text)
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined
    } catch {
      return undefined
    }
  }
  return Object.fromEntries(new URLSearchParams(text))
}

export const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined
