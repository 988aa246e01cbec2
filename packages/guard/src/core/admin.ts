import type { ResolvedOptions } from './options.ts'
import { timeOf } from './state.ts'
import { readJson } from './whoami.ts'

/**
 * One admin API request (FACTS.md §6.3). Failures are reported as events and answered with
 * undefined, not thrown, because the guard's own decision does not wait on the admin API.
 */
async function adminFetch(
  options: ResolvedOptions,
  method: 'GET' | 'DELETE',
  url: string,
): Promise<Response | undefined> {
  try {
    return await options.fetch(url, {
      method,
      headers: { accept: 'application/json', ...options.adminHeaders },
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    })
  } catch (error) {
    const message = error instanceof Error ? error.name : 'unknown error'
    options.onEvent?.({
      type: 'error',
      where: 'admin',
      message: `admin ${method} failed: ${message}`,
    })
    return undefined
  }
}

function adminUrlOf(options: ResolvedOptions): string | undefined {
  if (options.adminUrl === undefined) {
    options.onEvent?.({
      type: 'error',
      where: 'admin',
      message: 'kratosAdminUrl is not configured',
    })
  }
  return options.adminUrl
}

/** An admin call that changes state. Returns whether Kratos accepted it. */
export async function adminCall(
  options: ResolvedOptions,
  method: 'DELETE',
  path: string,
): Promise<boolean> {
  const base = adminUrlOf(options)
  if (base === undefined) return false
  const response = await adminFetch(options, method, `${base}${path}`)
  if (response === undefined) return false
  await response.body?.cancel()
  // 404: already gone (deleted identity, cleaned-up session); the goal is reached.
  if (response.ok || response.status === 404) return true
  options.onEvent?.({
    type: 'error',
    where: 'admin',
    message: `admin ${method} answered ${response.status}`,
  })
  return false
}

/** `DELETE /admin/sessions/{id}`: deactivates the session and keeps the row (FACTS.md §5.2). */
export function revokeSession(options: ResolvedOptions, sessionId: string): Promise<boolean> {
  return adminCall(options, 'DELETE', `/admin/sessions/${encodeURIComponent(sessionId)}`)
}

/** `DELETE /admin/identities/{id}/sessions`: hard-deletes every session of the identity. */
export function revokeIdentitySessions(
  options: ResolvedOptions,
  identityId: string,
): Promise<boolean> {
  return adminCall(
    options,
    'DELETE',
    `/admin/identities/${encodeURIComponent(identityId)}/sessions`,
  )
}

/** A session as the admin listing gives it: its id and when Kratos expires it (epoch ms). */
export interface ListedSession {
  readonly id: string
  readonly expiresAt: number
}

/** What a listing found; `complete` is false when it stopped at the page cap. */
export interface SessionListing {
  readonly sessions: readonly ListedSession[]
  readonly complete: boolean
}

/** 40 pages of Kratos' default 250: 10,000 sessions for one identity. */
export const LISTING_PAGE_CAP = 40

/**
 * `GET /admin/identities/{id}/sessions?active=true` (FACTS.md §6.3), following `Link: rel="next"`
 * for at most `pageCap` pages. Undefined when a page fails (reported as an event), 404 included:
 * Kratos does not check that the identity exists here (an unknown one lists as 200 `[]`), so a 404
 * means the admin URL is wrong, and nothing was listed.
 *
 * Only the query of a next link is used, on this identity's path at the configured admin URL:
 * Kratos builds the link from the request URL (path only, at HEAD) or, in older releases, from
 * its own admin base URL and the path of `/admin/sessions`, the listing of every identity. The
 * walk also stops at an empty page (Kratos sends rel="next" even when there is nothing to list) or
 * at a page that adds no session it has not seen.
 */
export async function listIdentitySessions(
  options: ResolvedOptions,
  identityId: string,
  pageCap = LISTING_PAGE_CAP,
): Promise<SessionListing | undefined> {
  const base = adminUrlOf(options)
  if (base === undefined) return undefined
  const path = `${base}/admin/identities/${encodeURIComponent(identityId)}/sessions`
  const found = new Map<string, ListedSession>()
  let query = new URLSearchParams()
  for (let page = 0; page < pageCap; page += 1) {
    query.set('active', 'true')
    const url = `${path}?${query.toString()}`
    const response = await adminFetch(options, 'GET', url)
    if (response === undefined) return undefined
    const report = (message: string): void => {
      options.onEvent?.({ type: 'error', where: 'admin', message })
    }
    if (response.status !== 200) {
      await response.body?.cancel()
      report(`admin GET answered ${response.status}`)
      return undefined
    }
    const body = await readJson(response)
    if (!Array.isArray(body)) {
      report('admin GET answered 200 without a session list')
      return undefined
    }
    const before = found.size
    for (const item of body) {
      const id = (item as { id?: unknown } | null)?.id
      if (typeof id !== 'string' || id.length === 0 || found.has(id)) continue
      const expiresAt = timeOf((item as { expires_at?: unknown }).expires_at, Infinity)
      found.set(id, { id, expiresAt })
    }
    const next = nextQuery(response.headers.get('link'), url)
    if (next === undefined || found.size === before) {
      return { sessions: [...found.values()], complete: true }
    }
    query = next
  }
  return { sessions: [...found.values()], complete: false }
}

/** The query of the `rel="next"` target in a `Link` header (RFC 8288), resolved against `url`. */
function nextQuery(header: string | null, url: string): URLSearchParams | undefined {
  if (header === null) return undefined
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '')
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/)
    if (!rels.includes('next')) continue
    try {
      return new URL(match[1] ?? '', url).searchParams
    } catch {
      return undefined
    }
  }
  return undefined
}
