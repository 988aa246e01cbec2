// Logout, settings and registration against FACTS.md §1.7, §5.3 and §6.1.
import { describe, expect, it } from 'vitest'
import { apiLogin, browserLogin, useDoubles, whoamiId } from './flow-helpers.ts'
import { csrfTokenOf, Jar } from './jar.ts'

const { setup, start } = useDoubles()

describe('logout', () => {
  it('browser logout revokes, deletes the cookie and regenerates CSRF', async () => {
    const { d } = await setup()
    const jar = new Jar()
    await browserLogin(d, jar)
    const stolen = jar.header()
    const urls = (
      await jar.fetch(`${d.publicUrl}/self-service/logout/browser`, {
        headers: { accept: 'application/json' },
      })
    ).json<{ logout_url: string; logout_token: string }>()
    expect(urls.logout_token).toMatch(/^ory_lo_[a-zA-Z0-9]{32}$/)
    expect(urls.logout_url).toBe(`${d.publicUrl}/self-service/logout?token=${urls.logout_token}`)
    expect(
      (
        await jar.fetch(`${d.publicUrl}/self-service/logout?token=ory_lo_wrong`, {
          headers: { accept: 'application/json' },
        })
      ).status,
    ).toBe(403)
    const out = await jar.fetch(urls.logout_url, { headers: { accept: 'application/json' } })
    expect(out.status).toBe(204)
    expect(out.setCookies.find((c) => c.startsWith('ory_kratos_session=;'))).toContain(
      'Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0',
    )
    expect(out.setCookies.some((c) => c.startsWith(d.csrfCookieName))).toBe(true)
    expect(await whoamiId(d, { cookie: stolen })).toBe(401)
  })

  it('logoutDoesNotRevoke leaves the old cookie working', async () => {
    const { d } = await setup({ weaknesses: { logoutDoesNotRevoke: true } })
    const jar = new Jar()
    await browserLogin(d, jar)
    const stolen = jar.header()
    const urls = (
      await jar.fetch(`${d.publicUrl}/self-service/logout/browser`, {
        headers: { accept: 'application/json' },
      })
    ).json<{ logout_url: string }>()
    const out = await jar.fetch(urls.logout_url)
    expect(out.status).toBe(303)
    expect(await whoamiId(d, { cookie: stolen })).not.toBe(401)
  })

  it('API logout revokes by token (204, also twice; 403 for unknown)', async () => {
    for (const weak of [false, true]) {
      const { d } = await setup({ weaknesses: { apiLogoutDoesNotRevoke: weak } })
      const { body } = await apiLogin(d)
      const del = (token: string) =>
        fetch(`${d.publicUrl}/self-service/logout/api`, {
          method: 'DELETE',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ session_token: token }),
        })
      expect((await del(body['session_token'])).status).toBe(204)
      expect((await del(body['session_token'])).status).toBe(204)
      expect((await del('ory_st_unknown')).status).toBe(403)
      expect(await whoamiId(d, { 'x-session-token': body['session_token'] })).toBe(
        weak ? body['session'].id : 401,
      )
    }
  })
})

describe('settings and registration', () => {
  it('revokes other sessions on password change unless passwordChangeKeepsSessions', async () => {
    for (const weak of [false, true]) {
      const { d, identityId } = await setup({ weaknesses: { passwordChangeKeepsSessions: weak } })
      const other = await d.createSession(identityId)
      const jar = new Jar()
      await browserLogin(d, jar)
      const flow = (
        await jar.fetch(`${d.publicUrl}/self-service/settings/browser`, {
          headers: { accept: 'application/json' },
        })
      ).json()
      const res = await jar.fetch((flow['ui'] as { action: string }).action, {
        method: 'POST',
        json: { method: 'password', password: 'a new password', csrf_token: csrfTokenOf(flow) },
      })
      expect(res.status).toBe(200)
      expect(res.json<{ state: string }>().state).toBe('success')
      expect(await whoamiId(d, { 'x-session-token': other.token })).toBe(weak ? other.id : 401)
    }
  })

  it('requires a recent authentication (session_refresh_required) unless the max age is 0s', async () => {
    for (const maxAge of ['1h', '0s']) {
      const { d, identityId } = await setup({ privilegedSessionMaxAge: maxAge })
      const s = await d.createSession(identityId, {
        authenticatedAt: new Date(Date.now() - 2 * 3600_000),
      })
      const headers = { 'x-session-token': s.token }
      const flow = (await (
        await fetch(`${d.publicUrl}/self-service/settings/api`, { headers })
      ).json()) as { id: string }
      const res = await fetch(`${d.publicUrl}/self-service/settings?flow=${flow.id}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'password', password: 'another password' }),
      })
      expect(res.status).toBe(maxAge === '1h' ? 403 : 200)
      if (maxAge === '1h') expect(res.headers.get('ory-error-id')).toBe('session_refresh_required')
    }
  })

  it('returns the token after API registration only with the session hook', async () => {
    for (const hook of [true, false]) {
      const d = await start({ registrationSessionHook: hook })
      const flow = (await (await fetch(`${d.publicUrl}/self-service/registration/api`)).json()) as {
        id: string
      }
      const res = await fetch(`${d.publicUrl}/self-service/registration?flow=${flow.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          method: 'password',
          password: 'long enough pw',
          traits: { email: 'new@example.test' },
        }),
      })
      const body = (await res.json()) as Record<string, unknown>
      expect(res.status).toBe(200)
      expect('session_token' in body).toBe(hook)
      expect(d.sessions().filter((s) => s.active)).toHaveLength(1)
    }
  })
})
