// Behaviour of the double's session, admin and fault features against FACTS.md §4–§6.
import { afterEach, describe, expect, it } from 'vitest'
import { decodeSessionCookie } from '../../../packages/aegis/src/rotate/securecookie.ts'
import { startKratosDouble, type KratosDouble, type DoubleOptions } from './index.ts'

const doubles: KratosDouble[] = []
const start = async (options: DoubleOptions = {}): Promise<KratosDouble> => {
  const d = await startKratosDouble(options)
  doubles.push(d)
  return d
}
afterEach(async () => {
  await Promise.all(doubles.splice(0).map((d) => d.close()))
})

const withUser = async (options: DoubleOptions = {}) => {
  const d = await start(options)
  const { id } = await d.createIdentity({ email: 'ada@example.test', password: 'correct horse 1' })
  const session = await d.createSession(id)
  return { d, identityId: id, session }
}

const whoami = (d: KratosDouble, headers: Record<string, string>) =>
  fetch(`${d.publicUrl}/sessions/whoami`, { headers, redirect: 'manual' })

describe('whoami', () => {
  it('accepts the cookie, X-Session-Token and Bearer, in that order', async () => {
    const { d, identityId, session } = await withUser()
    expect(session.token).toMatch(/^ory_st_[a-zA-Z0-9]{32}$/)
    expect(session.logoutToken).toMatch(/^ory_lo_[a-zA-Z0-9]{32}$/)
    expect(session.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    for (const headers of [
      { cookie: session.cookie },
      { 'x-session-token': session.token },
      { authorization: `bearer ${session.token}` },
    ]) {
      const res = await whoami(d, headers)
      expect(res.status).toBe(200)
      expect(res.headers.get('x-kratos-authenticated-identity-id')).toBe(identityId)
      expect(res.headers.get('cache-control')).toBe('private, no-cache, no-store, must-revalidate')
      expect(res.headers.get('set-cookie')).toBeNull()
      const body = (await res.json()) as Record<string, unknown>
      expect(body['id']).toBe(session.id)
      expect(JSON.stringify(body)).not.toContain(session.token)
    }
  })

  it('answers 401 without error.id, exactly as Kratos does', async () => {
    const d = await start()
    for (const headers of [
      {},
      { 'x-session-token': 'ory_st_unknown' },
      { cookie: 'ory_kratos_session=garbage' },
    ]) {
      const res = await whoami(d, headers)
      expect(res.status).toBe(401)
      expect(res.headers.get('ory-error-id')).toBe('')
      expect(await res.json()).toEqual({
        error: {
          code: 401,
          status: 'Unauthorized',
          reason: 'No valid session credentials found in the request.',
          message: 'The request could not be authorized',
        },
      })
    }
  })

  it('honours only the first cookie of the session name (a tossed duplicate shadows it)', async () => {
    const { d, session } = await withUser()
    expect(
      (await whoami(d, { cookie: `ory_kratos_session=tossed; ${session.cookie}` })).status,
    ).toBe(401)
    expect(
      (await whoami(d, { cookie: `${session.cookie}; ory_kratos_session=tossed` })).status,
    ).toBe(200)
    const bearer = { cookie: 'ory_kratos_session=tossed', authorization: `Bearer ${session.token}` }
    expect((await whoami(d, bearer)).status).toBe(200)
  })

  it('answers any method, including DELETE through /sessions/{id}', async () => {
    const { d, session } = await withUser()
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(`${d.publicUrl}/sessions/whoami`, {
        method,
        headers: { 'x-session-token': session.token },
      })
      expect(res.status, method).toBe(200)
    }
  })

  it('refuses an AAL1 session of an identity with a second factor (highest_available)', async () => {
    const d = await start()
    const { id } = await d.createIdentity({
      email: 'mfa@example.test',
      password: 'pw-pw-pw-pw',
      totp: true,
    })
    const aal1 = await d.createSession(id)
    const res = await whoami(d, { 'x-session-token': aal1.token })
    expect(res.status).toBe(403)
    const body = (await res.json()) as { error: { id: string }; redirect_browser_to: string }
    expect(body.error.id).toBe('session_aal2_required')
    expect(body.redirect_browser_to).toContain('aal=aal2')
    const aal2 = await d.createSession(id, { aal: 'aal2' })
    expect((await whoami(d, { 'x-session-token': aal2.token })).status).toBe(200)
    const relaxed = await start({ requiredAal: 'aal1' })
    const { id: other } = await relaxed.createIdentity({
      email: 'm@example.test',
      password: 'pw-pw-pw-pw',
      totp: true,
    })
    const s = await relaxed.createSession(other)
    expect((await whoami(relaxed, { 'x-session-token': s.token })).status).toBe(200)
  })

  it('decodes cookies with every secret (rotation [new, old])', async () => {
    const old = await start({ secrets: { cookie: ['old-secret-0123456789'] } })
    const rotated = await start({
      secrets: { cookie: ['new-secret-0123456789', 'old-secret-0123456789'] },
    })
    const dropped = await start({ secrets: { cookie: ['new-secret-0123456789'] } })
    for (const d of [rotated, dropped]) {
      const { id } = await d.createIdentity({ email: 'r@example.test', password: 'pw-pw-pw-pw' })
      const s = await d.createSession(id)
      const oldCookie = `ory_kratos_session=${old.encodeSessionCookie(s.token, new Date(Date.now() + 3600_000))}`
      const res = await whoami(d, { cookie: oldCookie })
      expect(res.status).toBe(d === rotated ? 200 : 401)
    }
  })
})

describe('cacheable sessions (feature flag)', () => {
  it('sends Ory-Session-Cache-For only when enabled, capped by the max age', async () => {
    const plain = await withUser()
    expect(
      (await whoami(plain.d, { 'x-session-token': plain.session.token })).headers.get(
        'ory-session-cache-for',
      ),
    ).toBeNull()
    const { d, session } = await withUser({ lifespan: '1h', cacheableSessions: {} })
    expect(
      (await whoami(d, { 'x-session-token': session.token })).headers.get('ory-session-cache-for'),
    ).toMatch(/^(3599|3600)$/)
    expect((await whoami(d, {})).headers.get('ory-session-cache-for')).toBe('60')
    expect(
      (await whoami(d, { 'x-session-token': 'ory_st_unknown' })).headers.get(
        'ory-session-cache-for',
      ),
    ).toBeNull()
    const capped = await withUser({ cacheableSessions: { maxAge: '5m' } })
    expect(
      (await whoami(capped.d, { cookie: capped.session.cookie })).headers.get(
        'ory-session-cache-for',
      ),
    ).toBe('300')
  })
})

describe('cookie codec interop', () => {
  it('issues cookies that the production codec (aegis cookie inspect) decodes', async () => {
    const secret = 'interop-secret-0123456789'
    const { d, session } = await withUser({ secrets: { cookie: [secret] }, lifespan: '2h' })
    const [name] = session.cookie.split('=', 1) as [string]
    const decoded = decodeSessionCookie({
      name,
      value: session.cookie.slice(name.length + 1),
      secrets: [secret],
    })
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    expect(decoded.values['session_token']).toBe(session.token)
    expect(Date.parse(decoded.values['expires_at']!)).toBe(d.sessions()[0]!.expiresAt.getTime())
    expect(decoded.values['nonce']).toMatch(/^[a-zA-Z]{8}$/)
    // The nonce and IV change on every issuance even for the same session (FACTS §4.1).
    const again = d.encodeSessionCookie(session.token, d.sessions()[0]!.expiresAt)
    expect(again).not.toBe(session.cookie.slice(name.length + 1))
    expect(
      decodeSessionCookie({ name, value: again, secrets: ['another-secret-0123456789'] }).ok,
    ).toBe(false)
  })
})

describe('admin API', () => {
  it('revokes at once, keeps the row, and accepts paths without /admin', async () => {
    const { d, session } = await withUser()
    const del = await fetch(`${d.adminUrl}/sessions/${session.id}`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    expect((await whoami(d, { cookie: session.cookie })).status).toBe(401)
    const got = await fetch(`${d.adminUrl}/admin/sessions/${session.id}`)
    expect(got.status).toBe(200)
    expect(((await got.json()) as { active: boolean }).active).toBe(false)
    expect((await fetch(`${d.adminUrl}/admin/sessions/not-a-uuid`)).status).toBe(400)
    expect(
      (await fetch(`${d.adminUrl}/admin/sessions/${crypto.randomUUID()}`, { method: 'DELETE' }))
        .status,
    ).toBe(404)
  })

  it('creates identities with 201 and Location, and lists sessions by activity', async () => {
    const d = await start()
    const res = await fetch(`${d.adminUrl}/admin/identities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        schema_id: 'default',
        traits: { email: 'new@example.test' },
        credentials: { password: { config: { password: 'a-long-password' } } },
      }),
    })
    expect(res.status).toBe(201)
    const identity = (await res.json()) as { id: string }
    expect(res.headers.get('location')).toBe(`${d.adminUrl}/admin/identities/${identity.id}`)
    const a = await d.createSession(identity.id)
    await d.createSession(identity.id)
    await fetch(`${d.adminUrl}/admin/sessions/${a.id}`, { method: 'DELETE' })
    const active = (await (
      await fetch(`${d.adminUrl}/admin/sessions?active=true`)
    ).json()) as unknown[]
    const inactive = (await (
      await fetch(`${d.adminUrl}/admin/identities/${identity.id}/sessions?active=false`)
    ).json()) as unknown[]
    expect([active.length, inactive.length]).toEqual([1, 1])
    expect(
      (await fetch(`${d.adminUrl}/admin/identities/${identity.id}/sessions`, { method: 'DELETE' }))
        .status,
    ).toBe(204)
    expect(d.sessions()).toHaveLength(0)
  })

  it("pages an identity's sessions with Link rel=next, keeping the active filter", async () => {
    const d = await start()
    const { id } = await d.createIdentity({ email: 'pages@example.test', password: 'pw-pw-pw-pw' })
    const made = []
    for (let i = 0; i < 5; i += 1) made.push(await d.createSession(id))
    await fetch(`${d.adminUrl}/admin/sessions/${made[0]!.id}`, { method: 'DELETE' })
    const seen: string[] = []
    let url: string | undefined =
      `${d.adminUrl}/admin/identities/${id}/sessions?active=true&page_size=2`
    let pages = 0
    while (url !== undefined) {
      const res: Response = await fetch(url)
      expect(res.status).toBe(200)
      expect(res.headers.get('x-total-count')).toBe('4')
      pages += 1
      seen.push(...((await res.json()) as { id: string }[]).map((s) => s.id))
      const next: string | undefined = /<([^>]*)>; rel="next"/.exec(
        res.headers.get('link') ?? '',
      )?.[1]
      if (next !== undefined) expect(next).toMatch(/^\/admin\/identities\/[^?]+\?active=true&/)
      url = next === undefined ? undefined : new URL(next, d.adminUrl).toString()
    }
    expect(pages).toBe(2)
    expect(seen).toEqual(made.slice(1).map((s) => s.id))
    // Kratos lists by identity id without checking the identity exists: 200 [], not 404.
    const unknown = await fetch(
      `${d.adminUrl}/admin/identities/00000000-0000-4000-8000-000000000000/sessions`,
    )
    expect([unknown.status, await unknown.json()]).toEqual([200, []])
    const bad = await fetch(`${d.adminUrl}/admin/identities/${id}/sessions?active=yes`)
    expect(bad.status).toBe(400)
    const one = await fetch(`${d.adminUrl}/admin/identities/${id}/sessions?active=0`)
    expect(((await one.json()) as { id: string }[]).map((s) => s.id)).toEqual([made[0]!.id])
  })

  it('extends only inside earliest_possible_extend, and whoami then re-sends the cookie', async () => {
    const { d, session } = await withUser({ lifespan: '1h', earliestPossibleExtend: '10m' })
    const before = d.sessions()[0]!.expiresAt.getTime()
    const noop = await fetch(`${d.adminUrl}/admin/sessions/${session.id}/extend`, {
      method: 'PATCH',
    })
    expect(noop.status).toBe(200)
    expect(d.sessions()[0]!.expiresAt.getTime()).toBe(before)
    d.sessions()[0]!.expiresAt = new Date(Date.now() + 5 * 60_000)
    const ext = await fetch(`${d.adminUrl}/admin/sessions/${session.id}/extend`, {
      method: 'PATCH',
    })
    expect(((await ext.json()) as { expires_at: string }).expires_at).toBe(
      d.sessions()[0]!.expiresAt.toISOString(),
    )
    expect(d.sessions()[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000)
    const res = await whoami(d, { cookie: session.cookie })
    expect(res.headers.get('set-cookie')).toMatch(
      /^ory_kratos_session=[^;]+; Path=\/; Expires=.+; Max-Age=\d+; HttpOnly; Secure; SameSite=Lax$/,
    )
    const fast = await start({ fasterSessionExtend: true })
    const { id } = await fast.createIdentity({ email: 'f@example.test', password: 'pw-pw-pw-pw' })
    const s = await fast.createSession(id)
    expect(
      (await fetch(`${fast.adminUrl}/admin/sessions/${s.id}/extend`, { method: 'PATCH' })).status,
    ).toBe(204)
  })

  it('redirects admin-only paths on the public port to the admin URL (307)', async () => {
    const d = await start()
    const res = await fetch(`${d.publicUrl}/admin/identities?x=1`, { redirect: 'manual' })
    expect(res.status).toBe(307)
    expect(res.headers.get('location')).toBe(`${d.adminUrl}/admin/identities?x=1`)
    expect((await fetch(`${d.publicUrl}/identities`, { redirect: 'manual' })).status).toBe(307)
    expect((await fetch(`${d.publicUrl}/version`)).status).toBe(404)
    expect(await (await fetch(`${d.adminUrl}/admin/version`)).json()).toEqual({
      version: 'v26.2.0',
    })
    expect(await (await fetch(`${d.publicUrl}/health/alive`)).json()).toEqual({ status: 'ok' })
  })
})

describe('faults, latency, stop and restart', () => {
  it('injects 429, 500 and 503, limited to a path prefix when asked', async () => {
    const { d, session } = await withUser()
    for (const status of [429, 500, 503] as const) {
      d.setFault({ status, pathPrefix: '/sessions/whoami' })
      const res = await whoami(d, { 'x-session-token': session.token })
      expect(res.status).toBe(status)
      expect(((await res.json()) as { error: { code: number } }).error.code).toBe(status)
      expect((await fetch(`${d.publicUrl}/health/alive`)).status).toBe(200)
    }
    d.setFault(null)
    expect((await whoami(d, { 'x-session-token': session.token })).status).toBe(200)
  })

  it('delays, hangs, and stops then restarts on the same ports keeping state', async () => {
    const { d, session } = await withUser({ latencyMs: 30 })
    const t0 = performance.now()
    await whoami(d, { 'x-session-token': session.token })
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25)
    d.setFault({ hang: true })
    await expect(
      fetch(`${d.publicUrl}/sessions/whoami`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow()
    d.setFault(null)
    await d.stop()
    await expect(whoami(d, {})).rejects.toThrow()
    await d.restart()
    expect((await whoami(d, { 'x-session-token': session.token })).status).toBe(200)
    expect(d.requestLog.filter((e) => e.path === '/sessions/whoami').length).toBeGreaterThanOrEqual(
      2,
    )
    expect(d.requestLog.at(-1)).toMatchObject({ method: 'GET', port: 'public', status: 200 })
  })
})
