/**
 * Shared stores for the soaks (test/reliability/guard-soak.test.ts, stores/store-soak.test.ts):
 * two instances talk to the shared Redis or PostgreSQL server through a TCP proxy that the soak
 * cuts, and a third reads over a direct connection. The shared server is never stopped; the data
 * is removed afterwards. Test-only.
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'
import { createPostgresStore } from '../../../packages/guard/src/stores/postgres.ts'
import { createRedisStore } from '../../../packages/guard/src/stores/redis.ts'
import type { SessionStore } from '../../../packages/guard/src/stores/types.ts'
import { startTcpProxy, type TcpProxy } from './fault-servers.ts'

/** Clean-up steps; the caller runs them in reverse order after the suite. */
export type Teardown = (() => Promise<unknown>)[]

export interface SoakTarget {
  readonly proxy: TcpProxy
  readonly stores: readonly [SessionStore, SessionStore]
  /** Reads the shared state over a direct connection, for the activity check. */
  readonly direct: SessionStore
}

/** Each client's connect and command (query) timeout; the guard soak's default is 300 ms. */
export async function redisSoakTarget(teardown: Teardown, timeoutMs = 300): Promise<SoakTarget> {
  const proxy = await startTcpProxy(6379)
  const prefix = `kratos-aegis-soak:${randomUUID()}:`
  const options = {
    maxRetriesPerRequest: 1,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    autoResendUnfulfilledCommands: false,
    retryStrategy: () => 100,
  }
  const client = (port: number): Redis => {
    const redis = new Redis(port, '127.0.0.1', options)
    redis.on('error', () => undefined) // the cuts are the point of this test
    teardown.push(() => {
      redis.disconnect()
      return Promise.resolve()
    })
    return redis
  }
  teardown.push(() => proxy.close())
  const [a, b, c] = [client(proxy.port), client(proxy.port), client(6379)]
  // Runs before the clients disconnect (teardown runs in reverse): the shared server stays clean.
  teardown.push(async () => {
    const keys = await c.keys(`${prefix}*`)
    if (keys.length > 0) await c.del(...keys)
  })
  return {
    proxy,
    stores: [createRedisStore({ client: a, prefix }), createRedisStore({ client: b, prefix })],
    direct: createRedisStore({ client: c, prefix }),
  }
}

export async function postgresSoakTarget(teardown: Teardown, timeoutMs = 300): Promise<SoakTarget> {
  const proxy = await startTcpProxy(5432)
  const table = `kratos_aegis_soak_${randomUUID().replaceAll('-', '')}`
  const pool = (port: number): pg.Pool => {
    const p = new pg.Pool({
      host: '127.0.0.1',
      port,
      database: 'test',
      user: 'postgres',
      max: 4,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    })
    p.on('error', () => undefined) // an idle client cut by the proxy
    return p
  }
  const [a, b, c] = [pool(proxy.port), pool(proxy.port), pool(5432)]
  // Registered before the migration, so a failed one still ends the pools and closes the proxy.
  teardown.push(async () => {
    await Promise.all([a.end(), b.end()])
    await c.query(`DROP TABLE IF EXISTS "${table}"`)
    await c.end()
  })
  teardown.push(() => proxy.close())
  const direct = createPostgresStore({ pool: c, table })
  await direct.migrate()
  return {
    proxy,
    stores: [createPostgresStore({ pool: a, table }), createPostgresStore({ pool: b, table })],
    direct,
  }
}
