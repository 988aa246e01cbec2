import type { Credential } from './credential.ts'
import type { ResolvedOptions } from './options.ts'
import type { KratosSession } from './types.ts'

export type Upstream = number | 'error' | 'timeout'

export type WhoamiOutcome =
  | {
      readonly kind: 'session'
      readonly session: KratosSession
      readonly setCookies: readonly string[]
      readonly cacheForMs: number | undefined
    }
  | { readonly kind: 'unauthenticated'; readonly cacheForMs: number | undefined }
  | {
      readonly kind: 'aal'
      readonly redirect: string | undefined
      readonly cacheForMs: number | undefined
    }
  | {
      readonly kind: 'unavailable'
      readonly upstream: Upstream
      readonly retryAfter: string | undefined
    }

/**
 * One `GET /sessions/whoami` (FACTS.md §6.2). Only the session cookie is forwarded, never the
 * application's other cookies. 401 means "no session" (it carries no error id); 403 is the AAL
 * shortfall; anything else (429, 5xx, network, timeout) is "Kratos unavailable", never a logout.
 */
export async function callWhoami(
  options: ResolvedOptions,
  credential: Credential,
): Promise<WhoamiOutcome> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (credential.kind === 'cookie') headers['cookie'] = `${options.cookieName}=${credential.value}`
  else headers['x-session-token'] = credential.value
  if (credential.bearer !== undefined) headers['authorization'] = `Bearer ${credential.bearer}`
  const started = performance.now()
  let response: Response
  try {
    response = await options.fetch(`${options.kratosUrl}/sessions/whoami`, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    })
  } catch (error) {
    const upstream = isTimeout(error) ? 'timeout' : 'error'
    report(options, upstream, started)
    return { kind: 'unavailable', upstream, retryAfter: undefined }
  }
  const outcome = await readWhoami(response)
  report(options, response.status, started)
  return outcome
}

async function readWhoami(response: Response): Promise<WhoamiOutcome> {
  const cacheForMs = cacheFor(response.headers.get('ory-session-cache-for'))
  if (response.status === 200) {
    const session = await readJson(response)
    if (isSession(session)) {
      return { kind: 'session', session, setCookies: response.headers.getSetCookie(), cacheForMs }
    }
    return { kind: 'unavailable', upstream: 'error', retryAfter: undefined }
  }
  if (response.status === 401) {
    await response.body?.cancel()
    return { kind: 'unauthenticated', cacheForMs }
  }
  if (response.status === 403) {
    const body = await readJson(response)
    return { kind: 'aal', redirect: redirectOf(body), cacheForMs }
  }
  await response.body?.cancel()
  return {
    kind: 'unavailable',
    upstream: response.status,
    retryAfter: response.headers.get('retry-after') ?? undefined,
  }
}

/** A response's JSON body, or undefined when it is not JSON. */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

function isSession(value: unknown): value is KratosSession {
  if (typeof value !== 'object' || value === null) return false
  const session = value as Partial<KratosSession>
  return typeof session.id === 'string' && session.id.length > 0 && session.active !== false
}

function redirectOf(body: unknown): string | undefined {
  const value = (body as { redirect_browser_to?: unknown } | undefined)?.redirect_browser_to
  return typeof value === 'string' ? value : undefined
}

/** `Ory-Session-Cache-For: <seconds>` (feature_flags.cacheable_sessions, FACTS.md §1.8). */
function cacheFor(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined
  return Number(header.trim()) * 1000
}

function isTimeout(error: unknown): boolean {
  return (
    error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')
  )
}

function report(options: ResolvedOptions, status: Upstream, started: number): void {
  options.onEvent?.({ type: 'whoami', status, durationMs: performance.now() - started })
}
