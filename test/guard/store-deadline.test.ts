// The guard's own deadline on store calls (storeTimeout, core/store-deadline.ts): a store that never
// answers gives 503 store-unavailable within about the deadline, whatever the client's own timeouts.
// The real cases put a TCP proxy in front of the shared Redis and PostgreSQL, stall it, and use
// clients with their default options (ioredis: no commandTimeout; pg: no query_timeout), under which
// a request used to stay pending for as long as the connection lived.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveOptions } from '../../packages/guard/src/core/options.ts'
import type { GuardDecision, GuardEvent } from '../../packages/guard/src/core/types.ts'
import { createGuard } from '../../packages/guard/src/index.ts'
import { createPostgresStore } from '../../packages/guard/src/stores/postgres.ts'
import { createRedisStore } from '../../packages/guard/src/stores/redis.ts'
import type { SessionStore } from '../../packages/guard/src/stores/types.ts'
import { startKratosDouble, type KratosDouble } from '../support/kratos-double/index.ts'
import { startTcpProxy, type TcpProxy } from '../support/stores/fault-servers.ts'

// Room for a loaded 2-core machine on top of the deadline, far below an unbounded hang.
const SLACK_MS = 2_000

let kratos: KratosDouble
let identityId: string
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason)
}
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  kratos = await startKratosDouble()
  identityId = (
    await kratos.createIdentity({ email: 'deadline@example.test', password: 'a-long-password-1' })
  ).id
})
afterAll(async () => {
  await kratos.close()
  process.off('unhandledRejection', onUnhandled)
})

const request = (token: string): Request =>
  new Request('http://app.test/app', { headers: { 'x-session-token': token } })

/** Resolves to the decision, or to 'pending' if it has not come by `ms`. */
const within = (decision: Promise<GuardDecision>, ms: number): Promise<GuardDecision | 'pending'> =>
  Promise.race([decision, sleep(ms, 'pending' as const, { ref: false })])

/** A store whose calls never settle, as behind a hung connection; counts the calls it got. */
function neverStore(): SessionStore & { readonly calls: string[] } {
  const calls: string[] = []
  const never = <T>(method: string): Promise<T> => {
    calls.push(method)
    return new Promise<T>(() => undefined)
  }
  return {
    name: 'hung',
    calls,
    get: () => never('get'),
    touch: () => never('touch'),
    markRevoked: () => never('markRevoked'),
    delete: () => never('delete'),
    close: () => Promise.resolve(),
  }
}

describe('storeTimeout resolution', () => {
  const base = { kratosUrl: 'http://kratos.test', store: neverStore() }

  it('defaults to 1 s, takes durations, and false turns it off', () => {
    expect(resolveOptions(base).storeTimeoutMs).toBe(1_000)
    expect(resolveOptions({ ...base, storeTimeout: '250ms' }).storeTimeoutMs).toBe(250)
    expect(resolveOptions({ ...base, storeTimeout: 1_500 }).storeTimeoutMs).toBe(1_500)
    const off = resolveOptions({ ...base, storeTimeout: false })
    expect(off.storeTimeoutMs).toBeUndefined()
    expect(off.store).toBe(base.store)
    expect(resolveOptions(base).store).not.toBe(base.store)
  })

  it('refuses 0 and malformed values at start-up', () => {
    expect(() => resolveOptions({ ...base, storeTimeout: 0 })).toThrow(
      'storeTimeout must be greater than zero',
    )
    expect(() => resolveOptions({ ...base, storeTimeout: '1 sec' })).toThrow(/storeTimeout/)
    expect(() => resolveOptions({ ...base, storeTimeout: -5 })).toThrow(/storeTimeout/)
  })
})

describe('a store that never answers', () => {
  it('gives 503 store-unavailable at the deadline, and false leaves the request pending', async () => {
    const store = neverStore()
    const events: GuardEvent[] = []
    const options = { kratosUrl: kratos.publicUrl, store, idleTimeout: '30m' }
    const bounded = createGuard({
      ...options,
      storeTimeout: '200ms',
      onEvent: (e) => events.push(e),
    })
    const unbounded = createGuard({ ...options, storeTimeout: false })
    const session = await kratos.createSession(identityId)
    const started = Date.now()
    const decision = await bounded(request(session.token))
    const elapsed = Date.now() - started
    expect(decision).toMatchObject({ type: 'deny', status: 503, reason: 'store-unavailable' })
    expect(decision.headers).toContainEqual(['retry-after', '5'])
    expect(elapsed).toBeGreaterThanOrEqual(195)
    expect(elapsed).toBeLessThan(200 + SLACK_MS)
    const errors = events.filter((event) => event.type === 'error')
    expect(errors).toEqual([
      { type: 'error', where: 'store', message: "store 'hung' did not answer get within 200 ms" },
    ])
    expect(JSON.stringify(events)).not.toContain(session.token)
    expect(await within(unbounded(request(session.token)), 200 + SLACK_MS)).toBe('pending')
    expect(store.calls).toEqual(['get', 'get'])
  })

  it('bounds markRevoked in logoutEverywhere, which then still calls Kratos', async () => {
    const store = neverStore()
    const guard = createGuard({
      kratosUrl: kratos.publicUrl,
      kratosAdminUrl: kratos.adminUrl,
      store,
      storeTimeout: '200ms',
    })
    const { id } = await kratos.createIdentity({
      email: 'deadline-logout@example.test',
      password: 'a-long-password-1',
    })
    const session = await kratos.createSession(id)
    // No idleTimeout: the request needs no store call, and caches the session for logoutEverywhere.
    expect((await guard(request(session.token))).type).toBe('allow')
    const live = (): boolean => kratos.sessions().some((s) => s.id === session.id && s.active)
    expect(live()).toBe(true)
    const started = Date.now()
    expect(await guard.logoutEverywhere(id)).toBe(true)
    expect(Date.now() - started).toBeLessThan(200 + SLACK_MS)
    expect(store.calls).toEqual(['markRevoked'])
    expect(live()).toBe(false)
  })
})

interface StalledTarget {
  readonly proxy: TcpProxy
  readonly store: SessionStore
  close(): Promise<void>
}

/** ioredis with its default options (no commandTimeout) through a proxy to the shared Redis. */
async function redisTarget(): Promise<StalledTarget> {
  const proxy = await startTcpProxy(6379)
  const prefix = `kratos-aegis-deadline:${randomUUID()}:`
  const client = new Redis(proxy.port, '127.0.0.1')
  client.on('error', () => undefined) // the restore resets the connection
  const direct = new Redis(6379, '127.0.0.1')
  return {
    proxy,
    store: createRedisStore({ client, prefix }),
    async close() {
      client.disconnect()
      await proxy.close()
      const keys = await direct.keys(`${prefix}*`)
      if (keys.length > 0) await direct.del(...keys)
      direct.disconnect()
    },
  }
}

/** A pg Pool with its default options (no query_timeout) through a proxy to the shared server. */
async function postgresTarget(): Promise<StalledTarget> {
  const proxy = await startTcpProxy(5432)
  const table = `kratos_aegis_deadline_${randomUUID().replaceAll('-', '')}`
  const config = { host: '127.0.0.1', database: 'test', user: 'postgres' }
  const pool = new pg.Pool({ ...config, port: proxy.port })
  pool.on('error', () => undefined) // an idle client reset by the restore
  const direct = new pg.Pool({ ...config, port: 5432, max: 1 })
  await createPostgresStore({ pool: direct, table }).migrate()
  return {
    proxy,
    store: createPostgresStore({ pool, table }),
    async close() {
      await proxy.close()
      await pool.end()
      await direct.query(`DROP TABLE IF EXISTS "${table}"`)
      await direct.end()
    },
  }
}

describe.each([
  ['redis', redisTarget],
  ['postgres', postgresTarget],
] as const)('a stalled %s behind a default client', (name, makeTarget) => {
  let target: StalledTarget
  beforeAll(async () => {
    target = await makeTarget()
  })
  afterAll(() => target.close())

  it('gives 503 store-unavailable within the default deadline, then recovers after restore', async () => {
    const events: GuardEvent[] = []
    const options = { kratosUrl: kratos.publicUrl, store: target.store, idleTimeout: '30m' }
    const guard = createGuard({ ...options, onEvent: (event) => events.push(event) })
    const unbounded = createGuard({ ...options, storeTimeout: false })
    const [before, during, alsoDuring] = await Promise.all(
      [0, 1, 2].map(() => kratos.createSession(identityId)),
    )
    if (before === undefined || during === undefined || alsoDuring === undefined)
      throw new Error('no sessions')
    // Healthy: the connection is up and the record is written.
    expect((await guard(request(before.token))).type).toBe('allow')

    await target.proxy.stall()
    const started = Date.now()
    const waiting = unbounded(request(alsoDuring.token))
    const decision = await guard(request(during.token))
    const elapsed = Date.now() - started
    expect(decision).toMatchObject({ type: 'deny', status: 503, reason: 'store-unavailable' })
    expect(decision.headers).toContainEqual(['retry-after', '5'])
    // At least the deadline (so the store really hung), at most the deadline and some slack.
    expect(elapsed).toBeGreaterThanOrEqual(990)
    expect(elapsed).toBeLessThan(1_000 + SLACK_MS)
    expect(events.filter((event) => event.type === 'error')).toEqual([
      {
        type: 'error',
        where: 'store',
        message: `store '${name}' did not answer get within 1000 ms`,
      },
    ])
    // The same client without the guard's deadline: still waiting.
    expect(await within(waiting, 1_000 + SLACK_MS - (Date.now() - started))).toBe('pending')
    console.info(`${name}: 503 after ${elapsed} ms under stall (deadline 1000 ms)`)

    await target.proxy.restore()
    // The client reconnects on its own; the same session is allowed once it has.
    const deadline = Date.now() + 15_000
    let after = await guard(request(during.token))
    while (after.type !== 'allow' && Date.now() < deadline) {
      await sleep(100)
      after = await guard(request(during.token))
    }
    expect(after.type).toBe('allow')
    // The request that had no deadline settles too (the restore reset its connection).
    expect(await within(waiting, 15_000)).not.toBe('pending')
  }, 30_000)
})

describe('after the suites', () => {
  it('raised no unhandled rejection', () => {
    expect(unhandled).toEqual([])
  })
})
