import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startTcpProxy, type TcpProxy } from '../../../../test/support/stores/fault-servers.ts'
import { createPostgresStore } from './postgres.ts'
import { createRedisStore } from './redis.ts'
import type { SessionStore } from './types.ts'

/*
 * A bounded soak: two instances touch and revoke 20 sessions for a few seconds while a TCP proxy
 * in front of the shared server cuts the connection twice (the server itself is never stopped).
 * Acknowledged activity must survive (never lost beyond one minInterval), answers never go
 * backwards, and no session is reported revoked-first twice.
 */
const MIN_INTERVAL = 50
const HOUR = 3_600_000
const SESSIONS = 20

interface Soaked {
  readonly stores: readonly [SessionStore, SessionStore]
  readonly fresh: () => Promise<SessionStore>
  readonly close: () => Promise<void>
}

async function soak(proxy: TcpProxy, target: Soaked): Promise<void> {
  const ids = Array.from({ length: SESSIONS }, () => randomUUID())
  const acked = new Map<string, number>()
  const firsts = new Map<string, number>()
  let clock = 1_000
  let running = true
  let failures = 0
  const worker = async (store: SessionStore, seed: number): Promise<void> => {
    for (let i = seed; running; i++) {
      const sid = ids[(i * 7) % SESSIONS]!
      const at = (clock += 7)
      try {
        if (i % 25 === 0) {
          if (await store.markRevoked(sid, at, HOUR)) firsts.set(sid, (firsts.get(sid) ?? 0) + 1)
        } else {
          const record = await store.touch(sid, at, HOUR, MIN_INTERVAL)
          expect(record.lastActivity).toBeGreaterThan(at - MIN_INTERVAL)
          acked.set(sid, Math.max(acked.get(sid) ?? 0, at))
        }
      } catch (error) {
        if ((error as { name?: string }).name === 'AssertionError') {
          running = false
          throw error
        }
        failures++
        await sleep(20)
      }
    }
  }
  const done = Promise.all([0, 1, 2, 3].map((n) => worker(target.stores[n % 2]!, n)))
  done.catch(() => undefined) // awaited below; a failed assertion also stops the other workers
  await sleep(700)
  await proxy.cut()
  await sleep(500)
  await proxy.restore()
  await sleep(700)
  await proxy.stall()
  await sleep(700)
  await proxy.restore()
  await sleep(1_000)
  running = false
  await done

  expect(failures).toBeGreaterThan(0) // the outages really happened
  expect([...firsts.values()].every((count) => count === 1)).toBe(true)
  const check = await target.fresh()
  for (const sid of ids) {
    const record = await check.get(sid)
    const ack = acked.get(sid)
    if (ack !== undefined) expect(record?.lastActivity).toBeGreaterThan(ack - MIN_INTERVAL)
    if (record !== null) expect(record.lastActivity).toBeLessThanOrEqual(clock)
  }
  await check.close()
  await target.close()
}

describe('stores under a bounded soak with outages', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  })

  it('Redis keeps acknowledged activity and revokes once', async () => {
    const proxy = await startTcpProxy(6379)
    cleanups.push(() => proxy.close())
    const prefix = `kratos-aegis-soak:${randomUUID()}:`
    const clients: Redis[] = []
    const open = (port: number): SessionStore => {
      const client = new Redis({
        host: '127.0.0.1',
        port,
        maxRetriesPerRequest: 1,
        connectTimeout: 500,
        commandTimeout: 500,
        autoResendUnfulfilledCommands: false,
        retryStrategy: () => 100,
      })
      client.on('error', () => undefined)
      clients.push(client)
      return createRedisStore({ client, prefix })
    }
    cleanups.push(async () => {
      const admin = new Redis({ host: '127.0.0.1', port: 6379 })
      const keys = await admin.keys(`${prefix}*`)
      if (keys.length > 0) await admin.del(...keys)
      await admin.quit()
    })
    await soak(proxy, {
      stores: [open(proxy.port), open(proxy.port)],
      fresh: () => Promise.resolve(open(6379)),
      close: () => {
        for (const client of clients) client.disconnect()
        return Promise.resolve()
      },
    })
  }, 60_000)

  it('PostgreSQL keeps acknowledged activity and revokes once', async () => {
    const proxy = await startTcpProxy(5432)
    cleanups.push(() => proxy.close())
    const table = `kratos_aegis_soak_${randomUUID().replaceAll('-', '')}`
    const pools: pg.Pool[] = []
    const open = (port: number): SessionStore => {
      const pool = new pg.Pool({
        host: '127.0.0.1',
        port,
        database: 'test',
        user: 'postgres',
        max: 3,
        connectionTimeoutMillis: 500,
        query_timeout: 500,
      })
      pool.on('error', () => undefined)
      pools.push(pool)
      return createPostgresStore({ pool, table })
    }
    const admin = new pg.Pool({ host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' })
    await createPostgresStore({ pool: admin, table }).migrate()
    cleanups.push(async () => {
      await admin.query(`DROP TABLE IF EXISTS "${table}"`)
      await admin.end()
    })
    await soak(proxy, {
      stores: [open(proxy.port), open(proxy.port)],
      fresh: () => Promise.resolve(open(5432)),
      close: async () => {
        await Promise.all(pools.map((pool) => pool.end()))
      },
    })
  }, 60_000)
})
