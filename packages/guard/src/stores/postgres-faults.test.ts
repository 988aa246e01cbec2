import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startTcpProxy,
  startThrowawayPostgres,
  type TcpProxy,
  type ThrowawayServer,
} from '../../../../test/support/stores/fault-servers.ts'
import { createPostgresStore, type PostgresSessionStore } from './postgres.ts'
import type { SessionStore } from './types.ts'

// The options the README recommends: every call settles within about a second, even while down.
const poolOptions = {
  host: '127.0.0.1',
  database: 'postgres',
  user: 'postgres',
  max: 2,
  connectionTimeoutMillis: 500,
  query_timeout: 500,
}
const HOUR = 3_600_000
// Timeouts are 500 ms; the bound leaves room for a loaded machine, far from an unbounded hang.
const BOUND_MS = 4_000

async function rejectsWithinBound(operation: () => Promise<unknown>): Promise<void> {
  const started = Date.now()
  await expect(operation()).rejects.toThrow()
  expect(Date.now() - started).toBeLessThan(BOUND_MS)
}

async function eventually<T>(operation: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await operation()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await sleep(100)
    }
  }
}

async function allOperationsReject(store: SessionStore): Promise<void> {
  await Promise.all([
    rejectsWithinBound(() => store.get('s')),
    rejectsWithinBound(() => store.touch('s', 5_000, HOUR, 0)),
    rejectsWithinBound(() => store.markRevoked('s', 5_000, HOUR)),
    rejectsWithinBound(() => store.delete('s')),
  ])
}

describe('PostgreSQL store under faults (own cluster, the shared server is untouched)', () => {
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason)
  }
  let server: ThrowawayServer
  let proxy: TcpProxy
  const pools: pg.Pool[] = []

  const connect = async (port: number, table: string): Promise<PostgresSessionStore> => {
    const pool = new pg.Pool({ ...poolOptions, port })
    // An idle client's connection error is emitted on the pool; unheard, it would end the process.
    pool.on('error', () => undefined)
    pools.push(pool)
    const store = createPostgresStore({ pool, table })
    await eventually(() => store.migrate())
    return store
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    server = await startThrowawayPostgres()
    proxy = await startTcpProxy(server.port)
  }, 60_000)
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()))
    await proxy.close()
    await server.destroy()
    process.off('unhandledRejection', onUnhandled)
  }, 30_000)

  it('rejects while stopped, then recovers with its data after a restart', async () => {
    const store = await connect(server.port, 'restart')
    await store.touch('s', 1_000, HOUR, 0)
    await server.stop()
    await allOperationsReject(store)
    await server.start()
    expect(await eventually(() => store.get('s'))).toEqual({ lastActivity: 1_000 })
    expect(await store.touch('s', 2_000, HOUR, 0)).toEqual({ lastActivity: 2_000 })
  }, 60_000)

  it('rejects while the network is cut, then recovers', async () => {
    const store = await connect(proxy.port, 'cut')
    await store.touch('s', 1_000, HOUR, 0)
    await proxy.cut()
    await allOperationsReject(store)
    await proxy.restore()
    expect(await eventually(() => store.get('s'))).toEqual({ lastActivity: 1_000 })
  }, 30_000)

  it('rejects within the query timeout while the server hangs, then recovers', async () => {
    const store = await connect(proxy.port, 'hang')
    await store.markRevoked('s', 1_000, HOUR)
    await proxy.stall()
    await allOperationsReject(store)
    await proxy.restore()
    const record = await eventually(() => store.get('s'))
    expect(record?.revokedAt).toBe(1_000)
    expect(await store.markRevoked('s', 2_000, HOUR)).toBe(false)
  }, 30_000)

  it('raised no unhandled rejection', () => {
    expect(unhandled).toEqual([])
  })
})
