// Two guard stores sharing one real server, as two application instances would: Redis under one
// fresh key prefix, or PostgreSQL in one fresh, migrated table. `close` quits the clients, ends
// the pools and drops the tables; call it in afterAll.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'
import { createPostgresStore } from '../../../packages/guard/src/stores/postgres.ts'
import { createRedisStore } from '../../../packages/guard/src/stores/redis.ts'
import type { SessionStore } from '../../../packages/guard/src/stores/types.ts'

/** Short client timeouts, so a test against a stopped server fails fast. */
export const redisOptions = {
  maxRetriesPerRequest: 1,
  connectTimeout: 1_000,
  commandTimeout: 1_000,
}

export function sharedStoreFactory(label: string): {
  sharedStores: (kind: 'redis' | 'postgres') => Promise<SessionStore[]>
  close: () => Promise<void>
} {
  const clients: Redis[] = []
  const pools: pg.Pool[] = []
  const tables: { pool: pg.Pool; table: string }[] = []
  const sharedStores = async (kind: 'redis' | 'postgres'): Promise<SessionStore[]> => {
    if (kind === 'redis') {
      const prefix = `kratos-aegis-${label}-test:${randomUUID()}:`
      return [0, 1].map(() => {
        const client = new Redis('redis://127.0.0.1:6379', redisOptions)
        clients.push(client)
        return createRedisStore({ client, prefix })
      })
    }
    const table = `kratos_aegis_${label}_test_${randomUUID().replaceAll('-', '')}`
    const made = [0, 1].map(
      () => new pg.Pool({ host: '127.0.0.1', database: 'test', user: 'postgres', max: 2 }),
    )
    pools.push(...made)
    const stores = made.map((pool) => createPostgresStore({ pool, table }))
    await stores[0]!.migrate()
    tables.push({ pool: made[0]!, table })
    return stores
  }
  const close = async (): Promise<void> => {
    for (const { pool, table } of tables) await pool.query(`DROP TABLE IF EXISTS "${table}"`)
    await Promise.all(clients.map((c) => c.quit().catch(() => 'closed')))
    await Promise.all(pools.map((p) => p.end()))
  }
  return { sharedStores, close }
}
