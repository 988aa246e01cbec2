/**
 * The probe's test identity: created through the admin API with a random password and removed
 * with all its sessions afterwards, or taken from --identity. Either way every session the probe
 * opened is ended at cleanup, so the target is left as it was found.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { AegisError } from '../errors.ts'
import type { ProbeClient } from './client.ts'
import { jsonHeaders, logoutBrowser } from './flows.ts'
import type { ProbeIdentity, ProbeSession } from './types.ts'

export const createIdentity = async (http: ProbeClient, admin: URL): Promise<ProbeIdentity> => {
  const identifier = `aegis-probe-${randomUUID()}@example.invalid`
  const password = randomBytes(24).toString('base64url')
  http.redactor.remember(password)
  const res = await http.request({
    method: 'POST',
    url: new URL('admin/identities', admin),
    headers: jsonHeaders,
    body: {
      schema_id: 'default',
      traits: { email: identifier },
      credentials: { password: { config: { password } } },
      state: 'active',
    },
    jar: null,
    label: 'create the test identity',
  })
  const id = (res.json() as { id?: string } | undefined)?.id
  if (res.status !== 201 || typeof id !== 'string') {
    // A tool error before any check (not AEGIS_INTERNAL): the admin URL, a proxy in front of it
    // or the identity schema refused; the probe cannot run its identity checks.
    throw new AegisError(
      'AEGIS_IDENTITY_CREATE_FAILED',
      `--create-identity: the admin API answered ${res.status} to POST /admin/identities`,
      {
        hint: 'check --admin-url (the admin port, not the public one), or pass --identity IDENTIFIER:PASSWORD',
      },
    )
  }
  return { id, identifier, password }
}

/**
 * `IDENTIFIER:PASSWORD`, split at the first colon (identifiers are emails or usernames; the
 * password may hold colons). A malformed value is the user's mistake, never an internal error,
 * and the message never repeats the value: it may be a password.
 */
export const parseIdentity = (spec: string): ProbeIdentity => {
  const i = spec.indexOf(':')
  if (i <= 0 || i === spec.length - 1)
    throw new AegisError(
      'AEGIS_USAGE',
      '--identity takes IDENTIFIER:PASSWORD (the login identifier, e.g. an email, a colon, then the password)',
    )
  return { id: undefined, identifier: spec.slice(0, i), password: spec.slice(i + 1) }
}

/** Ends what the probe made: the sessions it opened, and the identity when it created one. */
export const cleanup = async (
  http: ProbeClient,
  target: { publicUrl: URL; adminUrl?: URL },
  sessions: readonly ProbeSession[],
  created: ProbeIdentity | undefined,
): Promise<void> => {
  const admin = target.adminUrl
  if (created?.id !== undefined && admin !== undefined) {
    // Hard-deletes every session of the identity (FACTS §6.3), then the identity.
    await http.request({
      method: 'DELETE',
      url: new URL(`admin/identities/${created.id}/sessions`, admin),
      jar: null,
      label: 'cleanup: delete the test sessions',
      cleanup: true,
    })
    await http.request({
      method: 'DELETE',
      url: new URL(`admin/identities/${created.id}`, admin),
      jar: null,
      label: 'cleanup: delete the test identity',
      cleanup: true,
    })
    return
  }
  // One session that cannot be ended (already gone, a refused host) does not keep the others.
  for (const s of sessions) {
    try {
      if (admin !== undefined) {
        await http.request({
          method: 'DELETE',
          url: new URL(`admin/sessions/${s.id}`, admin),
          jar: null,
          cleanup: true,
        })
      } else if (s.token !== undefined) {
        await http.request({
          method: 'DELETE',
          url: new URL('self-service/logout/api', target.publicUrl),
          body: { session_token: s.token },
          jar: null,
          cleanup: true,
        })
      } else if (s.cookie !== undefined) {
        await logoutBrowser(http, target.publicUrl, s.cookie, {
          label: 'cleanup: browser logout',
          cleanup: true,
        })
      }
    } catch {
      // the next session
    }
  }
}
