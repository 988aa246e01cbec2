import pg from 'pg'
import { describe, expect, it } from 'vitest'
import {
  allOperationsReject,
  eventually as retry,
  useFaultTarget,
} from '../../../../test/support/stores/fault-checks.ts'
import { startThrowawayPostgres } from '../../../../test/support/stores/fault-servers.ts'
import { createPostgresStore, type PostgresSessionStore } from './postgres.ts'

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

describe('PostgreSQL store under faults (own cluster, the shared server is untouched)', () => {
  const pools: pg.Pool[] = []
  const target = useFaultTarget({
    start: startThrowawayPostgres,
    closeClients: () => Promise.all(pools.map((pool) => pool.end())),
    setupTimeoutMs: 60_000,
    teardownTimeoutMs: 30_000,
  })
  const eventually = <T>(operation: () => Promise<T>): Promise<T> => retry(operation, 15_000)

  const connect = async (port: number, table: string): Promise<PostgresSessionStore> => {
    const pool = new pg.Pool({ ...poolOptions, port })
    // An idle client's connection error is emitted on the pool; unheard, it would end the process.
    pool.on('error', () => undefined)
    pools.push(pool)
    const store = createPostgresStore({ pool, table })
    await eventually(() => store.migrate())
    return store
  }

  it('rejects while stopped, then recovers with its data after a restart', async () => {
    const store = await connect(target.server.port, 'restart')
    await store.touch('s', 1_000, HOUR, 0)
    await target.server.stop()
    await allOperationsReject(store)
    await target.server.start()
    expect(await eventually(() => store.get('s'))).toEqual({ lastActivity: 1_000 })
    expect(await store.touch('s', 2_000, HOUR, 0)).toEqual({ lastActivity: 2_000 })
  }, 60_000)

  it('rejects while the network is cut, then recovers', async () => {
    const store = await connect(target.proxy.port, 'cut')
    await store.touch('s', 1_000, HOUR, 0)
    await target.proxy.cut()
    await allOperationsReject(store)
    await target.proxy.restore()
    expect(await eventually(() => store.get('s'))).toEqual({ lastActivity: 1_000 })
  }, 30_000)

  it('rejects within the query timeout while the server hangs, then recovers', async () => {
    const store = await connect(target.proxy.port, 'hang')
    await store.markRevoked('s', 1_000, HOUR)
    await target.proxy.stall()
    await allOperationsReject(store)
    await target.proxy.restore()
    const record = await eventually(() => store.get('s'))
    expect(record?.revokedAt).toBe(1_000)
    expect(await store.markRevoked('s', 2_000, HOUR)).toBe(false)
  }, 30_000)

  it('raised no unhandled rejection', () => {
    expect(target.unhandled).toEqual([])
  })
})
