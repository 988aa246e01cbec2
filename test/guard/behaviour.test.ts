// One behaviour suite over every adapter (Express 5, Fastify 5, Hono 4 as middleware and as a
// handler wrapper, Next.js 16 and 15), against the Kratos double (FACTS.md §6): the same requests
// must get the same answers everywhere.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startKratosDouble } from '../support/kratos-double/index.ts'
import type { KratosDouble } from '../support/kratos-double/index.ts'
import { createGuard } from '../../packages/guard/src/index.ts'
import type { GuardEvent, GuardOptions } from '../../packages/guard/src/index.ts'
import { APP_COOKIE, startAdapter } from './harness.ts'
import type { AdapterName, Harness } from './harness.ts'

const ADAPTERS: readonly AdapterName[] = [
  'express',
  'fastify',
  'hono',
  'hono-handler',
  'next16',
  'next15',
]
const HTML = { accept: 'text/html,application/xhtml+xml' }

describe.each(ADAPTERS)('guard behaviour over %s', (adapter) => {
  let double: KratosDouble
  let identityId: string
  let harness: Harness | undefined
  let clock = Date.now()
  let events: GuardEvent[] = []

  beforeAll(async () => {
    double = await startKratosDouble()
    identityId = (
      await double.createIdentity({
        email: `${adapter}@example.com`,
        password: 'a long passphrase 1',
      })
    ).id
  })
  afterAll(() => double.close())
  afterEach(async () => {
    await harness?.close()
    harness = undefined
    double.setFault(null)
    double.setLatency(0)
    double.clearRequestLog()
  })

  async function start(options: Partial<GuardOptions> = {}): Promise<Harness> {
    clock = Date.now()
    events = []
    const guard = createGuard({
      kratosUrl: double.publicUrl,
      kratosAdminUrl: double.adminUrl,
      now: () => clock,
      onEvent: (event) => events.push(event),
      ...options,
    })
    harness = await startAdapter(adapter, guard)
    return harness
  }
  const whoamiCalls = (): number =>
    double.requestLog.filter((e) => e.path === '/sessions/whoami').length
  const adminDeletes = (id: string): number =>
    double.requestLog.filter((e) => e.method === 'DELETE' && e.path === `/admin/sessions/${id}`)
      .length
  const sessionRecord = (id: string) => double.sessions().find((s) => s.id === id)

  it('allows a cookie session and serves repeats from the cache (one whoami)', async () => {
    const app = await start()
    const session = await double.createSession(identityId)
    for (let i = 0; i < 3; i++) {
      const answer = await app.request('/app', { cookie: `theme=dark; ${session.cookie}` })
      expect(answer.status).toBe(200)
      expect(JSON.parse(answer.body)).toEqual({ session: session.id })
    }
    expect(whoamiCalls()).toBe(1)
    expect(events.filter((e) => e.type === 'cache-hit')).toHaveLength(2)
  })

  it('accepts X-Session-Token and Authorization: Bearer', async () => {
    const app = await start()
    const session = await double.createSession(identityId)
    expect((await app.request('/app', { 'x-session-token': session.token })).status).toBe(200)
    const bearer = await app.request('/app', { authorization: `Bearer ${session.token}` })
    expect(JSON.parse(bearer.body)).toEqual({ session: session.id })
  })

  it('shares one whoami among concurrent requests with the same credential', async () => {
    const app = await start()
    const session = await double.createSession(identityId)
    double.setLatency(100)
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => app.request('/app', { cookie: session.cookie })),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200))
    expect(whoamiCalls()).toBe(1)
  })

  it('answers 401 JSON to APIs and redirects browsers to login without credentials', async () => {
    const app = await start()
    const api = await app.request('/app')
    expect(api.status).toBe(401)
    expect(JSON.parse(api.body).error.status).toBe('missing-credential')
    const browser = await app.request('/app', HTML)
    expect(browser.status).toBe(303)
    const location = new URL(browser.headers.get('location') ?? '')
    expect(location.pathname).toBe('/self-service/login/browser')
    expect(location.searchParams.get('return_to')).toMatch(/\/app$/)
  })

  it('denies malformed cookies and tokens without asking Kratos', async () => {
    const app = await start()
    for (const headers of [
      { cookie: 'ory_kratos_session=<script>' },
      { cookie: `ory_kratos_session=${'A'.repeat(5000)}` },
      { 'x-session-token': 'short' },
      { authorization: 'Bearer ory_st_"quoted"xxxxxxxxxxxxxxxxxxxxx' },
    ]) {
      const answer = await app.request('/app', headers)
      expect(answer.status).toBe(401)
      expect(JSON.parse(answer.body).error.status).toBe('malformed-credential')
    }
    expect(whoamiCalls()).toBe(0)
  })

  it('denies a session Kratos no longer knows (revoked)', async () => {
    const app = await start()
    const session = await double.createSession(identityId)
    await fetch(`${double.adminUrl}/admin/sessions/${session.id}`, { method: 'DELETE' })
    const answer = await app.request('/app', { cookie: session.cookie })
    expect(answer.status).toBe(401)
    expect(JSON.parse(answer.body).error.status).toBe('invalid-session')
  })

  it.each([429, 500] as const)(
    'answers 503, never a logout, when Kratos says %i',
    async (status) => {
      const app = await start()
      const session = await double.createSession(identityId)
      double.setFault({ status, pathPrefix: '/sessions/whoami' })
      const answer = await app.request('/app', { cookie: session.cookie, ...HTML })
      expect(answer.status).toBe(503)
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(answer.headers.get('set-cookie')).toBeNull()
      expect(sessionRecord(session.id)?.active).toBe(true)
    },
  )

  it('serves the last verdict within the grace window while Kratos fails', async () => {
    const app = await start({ cacheTtl: '10s', staleGrace: '60s' })
    const session = await double.createSession(identityId)
    expect((await app.request('/app', { cookie: session.cookie })).status).toBe(200)
    double.setFault({ status: 500, pathPrefix: '/sessions/whoami' })
    clock += 30_000
    expect((await app.request('/app', { cookie: session.cookie })).status).toBe(200)
    expect(events.some((e) => e.type === 'stale-served')).toBe(true)
    clock += 60_000
    expect((await app.request('/app', { cookie: session.cookie })).status).toBe(503)
  })

  it('answers 503 when Kratos is down or too slow, and recovers', async () => {
    const app = await start({ timeout: 300 })
    const session = await double.createSession(identityId)
    double.setFault({ hang: true, pathPrefix: '/sessions/whoami' })
    const started = Date.now()
    expect((await app.request('/app', { cookie: session.cookie })).status).toBe(503)
    expect(Date.now() - started).toBeLessThan(3000)
    double.setFault(null)
    await double.stop()
    expect((await app.request('/app', { cookie: session.cookie })).status).toBe(503)
    await double.restart()
    expect((await app.request('/app', { cookie: session.cookie })).status).toBe(200)
  })

  it('ends an idle session: 401, cookie cleared, revoked once through the admin API', async () => {
    const app = await start({ idleTimeout: '30m', activityCheckInterval: '1m' })
    const session = await double.createSession(identityId)
    expect((await app.request('/app', { cookie: session.cookie })).status).toBe(200)
    clock += 20 * 60_000
    expect((await app.request('/app', { cookie: session.cookie })).status).toBe(200)
    clock += 31 * 60_000
    const idle = await app.request('/app', { cookie: session.cookie })
    expect(idle.status).toBe(401)
    expect(JSON.parse(idle.body).error.status).toBe('idle-timeout')
    expect(idle.headers.get('set-cookie')).toMatch(/^ory_kratos_session=;.*Max-Age=0/)
    expect(sessionRecord(session.id)?.active).toBe(false)
    const again = await app.request('/app', { cookie: session.cookie, ...HTML })
    expect(again.status).toBe(303)
    expect(adminDeletes(session.id)).toBe(1)
  })

  it('ends a session past the absolute timeout, counted from authenticated_at', async () => {
    const app = await start({ absoluteTimeout: '1h' })
    const session = await double.createSession(identityId, {
      authenticatedAt: new Date(Date.now() - 2 * 3_600_000),
    })
    const answer = await app.request('/app', { cookie: session.cookie })
    expect(answer.status).toBe(401)
    expect(JSON.parse(answer.body).error.status).toBe('absolute-timeout')
    expect(adminDeletes(session.id)).toBe(1)
    expect(events).toContainEqual({
      type: 'revoked',
      sessionId: session.id,
      reason: 'absolute-timeout',
      ok: true,
    })
  })

  it('enforces requiredAal per route: 403 for APIs, a second-factor login for browsers', async () => {
    const app = await start()
    const aal1 = await double.createSession(identityId)
    expect((await app.request('/app', { cookie: aal1.cookie })).status).toBe(200)
    const api = await app.request('/mfa', { cookie: aal1.cookie })
    expect(api.status).toBe(403)
    expect(JSON.parse(api.body).error.status).toBe('aal-required')
    const browser = await app.request('/mfa', { cookie: aal1.cookie, ...HTML })
    expect(browser.status).toBe(303)
    expect(new URL(browser.headers.get('location') ?? '').searchParams.get('aal')).toBe('aal2')
    const aal2 = await double.createSession(identityId, { aal: 'aal2' })
    expect((await app.request('/mfa', { cookie: aal2.cookie })).status).toBe(200)
  })

  it('enforces maxAuthAge per route: a refresh login for browsers, 403 for APIs', async () => {
    const app = await start()
    const session = await double.createSession(identityId, {
      authenticatedAt: new Date(Date.now() - 3_600_000),
    })
    expect((await app.request('/app', { cookie: session.cookie })).status).toBe(200)
    const api = await app.request('/fresh', { cookie: session.cookie })
    expect(api.status).toBe(403)
    expect(JSON.parse(api.body).error.status).toBe('reauthentication-required')
    const browser = await app.request('/fresh', { cookie: session.cookie, ...HTML })
    const location = new URL(browser.headers.get('location') ?? '')
    expect(location.searchParams.get('refresh')).toBe('true')
    expect(location.searchParams.get('return_to')).toMatch(/\/fresh$/)
  })

  it("passes whoami's Set-Cookie through after an admin extend", async () => {
    const app = await start()
    const session = await double.createSession(identityId, {
      expiresAt: new Date(Date.now() + 3_600_000),
    })
    const extend = await fetch(`${double.adminUrl}/admin/sessions/${session.id}/extend`, {
      method: 'PATCH',
    })
    expect(extend.ok).toBe(true)
    const answer = await app.request('/app', { cookie: session.cookie })
    expect(answer.status).toBe(200)
    const cookies = answer.headers.getSetCookie()
    expect(cookies.some((c) => /^ory_kratos_session=[^;]+;/.test(c))).toBe(true)
    // Next.js has no handler here; the others' handlers set their own cookie too.
    if (!adapter.startsWith('next')) expect(cookies).toContain(APP_COOKIE)
  })

  it('binds a session to its client: log lets it through, revoke ends it', async () => {
    const firefox = {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    }
    const logging = await start({ binding: { userAgent: true, action: 'log' } })
    const first = await double.createSession(identityId)
    expect((await logging.request('/app', { cookie: first.cookie, ...firefox })).status).toBe(200)
    expect(events).toContainEqual({
      type: 'binding-mismatch',
      sessionId: first.id,
      trait: 'user-agent',
      action: 'log',
    })
    await harness?.close()
    const revoking = await start({ binding: { userAgent: true, action: 'revoke' } })
    const second = await double.createSession(identityId)
    const answer = await revoking.request('/app', { cookie: second.cookie, ...firefox })
    expect(answer.status).toBe(401)
    expect(JSON.parse(answer.body).error.status).toBe('binding-mismatch')
    expect(sessionRecord(second.id)?.active).toBe(false)
  })

  it('never puts a token or cookie value in answers or events', async () => {
    const app = await start({ idleTimeout: '10m' })
    const session = await double.createSession(identityId)
    const value = session.cookie.slice(session.cookie.indexOf('=') + 1)
    double.setFault({ status: 500, pathPrefix: '/sessions/whoami' })
    const failed = await app.request('/app', { cookie: session.cookie })
    double.setFault(null)
    const ok = await app.request('/app', { 'x-session-token': session.token })
    clock += 11 * 60_000
    const idle = await app.request('/app', { 'x-session-token': session.token })
    const seen = JSON.stringify([
      events,
      failed.body,
      ok.body,
      idle.body,
      [...idle.headers],
      [...failed.headers],
    ])
    expect(seen).not.toContain(session.token)
    expect(seen).not.toContain(value)
    expect(idle.status).toBe(401)
  })
})
