import type { ResolvedOptions } from './options.ts'

/**
 * An admin API call (FACTS.md §6.3). Returns whether Kratos accepted it; failures are reported as
 * events, not thrown, because the guard denies the request either way.
 */
export async function adminCall(
  options: ResolvedOptions,
  method: 'DELETE',
  path: string,
): Promise<boolean> {
  if (options.adminUrl === undefined) {
    options.onEvent?.({
      type: 'error',
      where: 'admin',
      message: 'kratosAdminUrl is not configured',
    })
    return false
  }
  try {
    const response = await options.fetch(`${options.adminUrl}${path}`, {
      method,
      headers: { accept: 'application/json', ...options.adminHeaders },
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    await response.body?.cancel()
    // 404: already gone (deleted identity, cleaned-up session); the goal is reached.
    if (response.ok || response.status === 404) return true
    options.onEvent?.({
      type: 'error',
      where: 'admin',
      message: `admin ${method} answered ${response.status}`,
    })
    return false
  } catch (error) {
    const message = error instanceof Error ? error.name : 'unknown error'
    options.onEvent?.({
      type: 'error',
      where: 'admin',
      message: `admin ${method} failed: ${message}`,
    })
    return false
  }
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
