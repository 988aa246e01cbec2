// The core against the Kratos double: cache hints, logout, shared idle state across instances
// (real Redis), store failures, IP binding, Kratos' own AAL answer, and Prometheus metrics.
import { Redis } from 'ioredis'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startKratosDouble } from '../support/kratos-double/index.ts'
import type { KratosDouble } from '../support/kratos-double/index.ts'
import { redisOptions, sharedStoreFactory } from '../support/stores/shared-stores.ts'
import { createGuard } from '../../packages/guard/src/index.ts'
import type { GuardEvent, GuardOptions } from '../../packages/guard/src/index.ts'
import { createGuardMetrics } from '../../packages/guard/src/metrics.ts'
import { createMemoryStore } from '../../packages/guard/src/stores/memory.ts'
import { createRedisStore } from '../../packages/guard/src/stores/redis.ts'
import type { SessionStore } from '../../packages/guard/src/stores/types.ts'

let double: KratosDouble
let identityId: string
let clock = Date.now()
const { sharedStores, close: closeStores } = sharedStoreFactory('guard')
const clients: Redis[] = []
const pgPools: pg.Pool[] = []
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  double = await startKratosDouble()
  identityId = (
    await double.createIdentity({ email: 'core@example.com', password: 'a long passphrase 2' })
  ).id
})
afterAll(async () => {
  await double.close()
  for (const cleanup of cleanups) await cleanup()
  await closeStores()
  await Promise.all(clients.map((c) => c.quit().catch(() => 'closed')))
  await Promise.all(pgPools.map((p) => p.end()))
})

function guardWith(options: Partial<GuardOptions> = {}, events: GuardEvent[] = []) {
  return createGuard({
    kratosUrl: double.publicUrl,
    kratosAdminUrl: double.adminUrl,
    now: () => clock,
    onEvent: (event) => events.push(event),
    ...options,
  })
}
const get = (headers: Record<string, string>) => new Request('http://127.0.0.1/app', { headers })
const active = (id: string) => double.sessions().find((s) => s.id === id)?.active

describe('cache lifetime', () => {
  it('honours Ory-Session-Cache-For below the configured TTL', async () => {
    // feature_flags.cacheable_sessions makes whoami send the header (FACTS.md §1.8).
    const hinting = await startKratosDouble({ cacheableSessions: { maxAge: '5s' } })
    try {
      for (const kratos of [double, hinting]) {
        clock = Date.now()
        const { id } = await kratos.createIdentity({
          email: 'hint@example.com',
          password: 'a long passphrase 6',
        })
        const session = await kratos.createSession(id)
        const guard = guardWith({ cacheTtl: '60s', kratosUrl: kratos.publicUrl })
        kratos.clearRequestLog()
        expect((await guard(get({ cookie: session.cookie }))).type).toBe('allow')
        clock += 6_000
        expect((await guard(get({ cookie: session.cookie }))).type).toBe('allow')
        const calls = kratos.requestLog.filter((e) => e.path === '/sessions/whoami').length
        expect(calls).toBe(kratos === hinting ? 2 : 1)
      }
    } finally {
      await hinting.close()
    }
  })
})

describe('logout helpers', () => {
  it('browser: runs the logout flow, clears the cookie, forgets the session', async () => {
    clock = Date.now()
    const guard = guardWith()
    const session = await double.createSession(identityId)
    expect((await guard(get({ cookie: session.cookie }))).type).toBe('allow')
    const result = await guard.logoutBrowser(get({ cookie: session.cookie }), { returnTo: '/bye' })
    expect(result).toMatchObject({ ok: true, status: 303, redirect: '/bye' })
    const cookies = result.headers.filter(([n]) => n === 'set-cookie').map(([, v]) => v)
    expect(cookies.some((c) => /^ory_kratos_session=;.*Max-Age=0/.test(c))).toBe(true)
    expect(active(session.id)).toBe(false)
    expect(await guard(get({ cookie: session.cookie }))).toMatchObject({
      type: 'deny',
      reason: 'invalid-session',
    })
  })

  it('API: native logout by token; an unknown token is refused', async () => {
    const guard = guardWith()
    const session = await double.createSession(identityId)
    expect(await guard.logoutApi(session.token)).toMatchObject({ ok: true, status: 204 })
    expect(active(session.id)).toBe(false)
    expect(await guard.logoutApi('ory_st_unknownunknownunknownunknown00')).toMatchObject({
      ok: false,
      status: 401,
    })
  })

  it('everywhere: deletes every session of the identity, cached ones denied at once', async () => {
    clock = Date.now()
    const guard = guardWith()
    const one = await double.createSession(identityId)
    const two = await double.createSession(identityId)
    expect((await guard(get({ cookie: one.cookie }))).type).toBe('allow')
    expect(await guard.logoutEverywhere(identityId)).toBe(true)
    expect(double.sessions().filter((s) => s.identityId === identityId)).toHaveLength(0)
    expect(await guard(get({ cookie: one.cookie }))).toMatchObject({ type: 'deny', status: 401 })
    expect(await guard(get({ cookie: two.cookie }))).toMatchObject({
      type: 'deny',
      reason: 'invalid-session',
    })
  })
})

describe.each(['redis', 'postgres'] as const)('two instances sharing one %s store', (kind) => {
  it('share idle state, and revoke once when both see the session idle', async () => {
    clock = Date.now()
    const stores = await sharedStores(kind)
    const policy = { idleTimeout: '30m', activityCheckInterval: '1m' }
    const [a, b] = stores.map((store) => guardWith({ ...policy, store }))
    const session = await double.createSession(identityId)
    const request = () => get({ 'x-session-token': session.token })
    expect((await a!(request())).type).toBe('allow')
    expect((await b!(request())).type).toBe('allow')
    clock += 20 * 60_000
    expect((await a!(request())).type).toBe('allow')
    clock += 20 * 60_000 // b idle for 40 min, but a was active 20 min ago
    expect((await b!(request())).type).toBe('allow')
    clock += 31 * 60_000
    double.clearRequestLog()
    const decisions = await Promise.all([a!(request()), b!(request())])
    // Both deny. The instance whose store read comes after the other's revocation mark sees the
    // session revoked rather than idle: which one depends on round-trip timing, not on the guard.
    const reasons = decisions.map((d) => d.type === 'deny' && d.reason)
    expect(reasons).toContain('idle-timeout')
    for (const reason of reasons) expect(['idle-timeout', 'revoked']).toContain(reason)
    const revocations = double.requestLog.filter(
      (e) => e.method === 'DELETE' && e.path.endsWith(session.id),
    )
    expect(revocations).toHaveLength(1)
    expect(active(session.id)).toBe(false)
  })
})

describe('an admin revocation Kratos does not confirm', () => {
  it('is tried again when the session shows up, at most once per 30 s, until Kratos says yes', async () => {
    clock = Date.now()
    const events: GuardEvent[] = []
    const guard = guardWith({ idleTimeout: '30m', activityCheckInterval: '1m' }, events)
    const session = await double.createSession(identityId)
    const request = () => get({ 'x-session-token': session.token })
    const deletes = () =>
      double.requestLog.filter((e) => e.method === 'DELETE' && e.path.endsWith(session.id))
    expect((await guard(request())).type).toBe('allow')
    clock += 31 * 60_000
    double.clearRequestLog()
    double.setFault({ status: 500, pathPrefix: '/admin/sessions' })
    try {
      expect(await guard(request())).toMatchObject({ type: 'deny', reason: 'idle-timeout' })
      expect(deletes()).toHaveLength(1)
      expect(active(session.id)).toBe(true)
      // Still active in Kratos, still denied here; within 30 s of the failure, no second call.
      clock += 10_000
      expect(await guard(request())).toMatchObject({ type: 'deny', reason: 'revoked' })
      expect(deletes()).toHaveLength(1)
    } finally {
      double.setFault(null)
    }
    clock += 25_000
    expect(await guard(request())).toMatchObject({ type: 'deny', reason: 'revoked' })
    await vi.waitFor(() => {
      expect(active(session.id)).toBe(false)
    })
    expect(deletes()).toHaveLength(2)
    const outcomes = events.flatMap((e) => (e.type === 'revoked' ? [e.ok] : []))
    expect(outcomes).toEqual([false, true])
    // Confirmed: no more calls, whatever comes.
    clock += 60_000
    await guard(request())
    expect(deletes()).toHaveLength(2)
  })
})

describe('store failures', () => {
  it('fails closed with 503 when the store is unreachable, without revoking', async () => {
    clock = Date.now()
    const client = new Redis('redis://127.0.0.1:1', {
      ...redisOptions,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    })
    client.on('error', () => undefined) // connection refused is the point of this test
    clients.push(client)
    const guard = guardWith({ idleTimeout: '30m', store: createRedisStore({ client }) })
    const session = await double.createSession(identityId)
    const decision = await guard(get({ cookie: session.cookie }))
    expect(decision).toMatchObject({ type: 'deny', status: 503, reason: 'store-unavailable' })
    expect(active(session.id)).toBe(true)
  })
})

describe('Kratos answers and bindings', () => {
  it("follows Kratos' own AAL refusal (403 session_aal2_required) with its redirect", async () => {
    const mfa = await double.createIdentity({
      email: 'mfa@example.com',
      password: 'a long passphrase 3',
      totp: true,
    })
    const session = await double.createSession(mfa.id)
    const guard = guardWith()
    const browser = await guard(get({ cookie: session.cookie, accept: 'text/html' }))
    expect(browser).toMatchObject({ type: 'deny', status: 303, reason: 'aal-required' })
    expect(browser.type === 'deny' && browser.redirect).toMatch(
      /\/self-service\/login\/browser\?aal=aal2/,
    )
    expect(await guard(get({ cookie: session.cookie }))).toMatchObject({
      status: 403,
      reason: 'aal-required',
    })
  })

  it('asks Kratos again after a step-up keeps the same token (no stale AAL verdict)', async () => {
    const guard = guardWith({ cacheTtl: '10m' })
    const session = await double.createSession(identityId)
    const request = () => get({ 'x-session-token': session.token })
    expect(await guard(request(), { requiredAal: 'aal2' })).toMatchObject({ status: 403 })
    // A second-factor login on the same session raises its AAL and keeps its token (FACTS.md §5.3).
    const record = double.sessions().find((s) => s.id === session.id)!
    record.aal = 'aal2'
    expect((await guard(request(), { requiredAal: 'aal2' })).type).toBe('allow')
  })

  it('compares the client address with the one Kratos recorded', async () => {
    const events: GuardEvent[] = []
    const guard = guardWith({ binding: { ipPrefix: true, action: 'log' } }, events)
    const session = await double.createSession(identityId)
    expect((await guard(get({ cookie: session.cookie }), undefined, '127.0.0.9')).type).toBe(
      'allow',
    )
    expect(events.some((e) => e.type === 'binding-mismatch')).toBe(false)
    expect((await guard(get({ cookie: session.cookie }), undefined, '10.1.2.3')).type).toBe('allow')
    expect(events).toContainEqual({
      type: 'binding-mismatch',
      sessionId: session.id,
      trait: 'ip',
      action: 'log',
    })
  })
})

describe('metrics', () => {
  it('counts decisions, cache hits and misses, whoami latency and revocations', async () => {
    clock = Date.now()
    const metrics = createGuardMetrics()
    const guard = guardWith({ onEvent: metrics.onEvent, absoluteTimeout: '1h' })
    const session = await double.createSession(identityId)
    await guard(get({ cookie: session.cookie }))
    await guard(get({ cookie: session.cookie }))
    await guard(get({}))
    const old = await double.createSession(identityId, {
      authenticatedAt: new Date(Date.now() - 7_200_000),
    })
    await guard(get({ cookie: old.cookie }))
    const text = await metrics.registry.metrics()
    expect(text).toMatch(/kratos_guard_cache_total\{result="hit"\} 1/)
    expect(text).toMatch(/kratos_guard_cache_total\{result="miss"\} 2/)
    expect(text).toMatch(/kratos_guard_decisions_total\{result="allow",reason=""\} 2/)
    expect(text).toMatch(
      /kratos_guard_decisions_total\{result="deny",reason="missing-credential"\} 1/,
    )
    expect(text).toMatch(/kratos_guard_whoami_duration_seconds_count\{status="200"\} 2/)
    expect(text).toMatch(/kratos_guard_revocations_total\{reason="absolute-timeout",ok="true"\} 1/)
  })
})

describe('a revocation written while an instance syncs', () => {
  it('is read from the record touch returns, not one interval later', async () => {
    clock = Date.now()
    const base = createMemoryStore({ now: () => clock })
    const race: { markDuringGet?: string } = {}
    // Another instance's logout lands between this instance's get and its touch.
    const racy: SessionStore = {
      name: 'racy',
      get: async (id) => {
        const record = await base.get(id)
        if (race.markDuringGet === id) await base.markRevoked(id, clock, 3_600_000)
        return record
      },
      touch: (...args) => base.touch(...args),
      markRevoked: (...args) => base.markRevoked(...args),
      delete: (id) => base.delete(id),
      close: () => base.close(),
    }
    const guard = guardWith({
      cacheTtl: '10m',
      idleTimeout: '30m',
      activityCheckInterval: 1_000,
      store: racy,
    })
    const session = await double.createSession(identityId)
    expect((await guard(get({ 'x-session-token': session.token }))).type).toBe('allow')
    clock += 1_001
    race.markDuringGet = session.id
    expect(await guard(get({ 'x-session-token': session.token }))).toMatchObject({
      type: 'deny',
      reason: 'revoked',
    })
  })
})
