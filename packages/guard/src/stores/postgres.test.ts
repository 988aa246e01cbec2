import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeStoreContract } from '../../../../test/support/stores/contract.ts'
import { createPostgresStore } from './postgres.ts'

// The real shared server, database `test`: each run uses its own table and drops it afterwards.
const poolConfig = {
  host: '127.0.0.1',
  port: 5432,
  database: 'test',
  user: 'postgres',
  max: 5,
  // pg-pool also counts the wait for a free client: 100 queued touches per pool on a busy machine.
  connectionTimeoutMillis: 15_000,
  query_timeout: 15_000,
}
const uniqueTable = (): string => `kratos_aegis_test_${randomUUID().replaceAll('-', '')}`

describeStoreContract('postgres', {
  shared: true,
  setup: async () => {
    const table = uniqueTable()
    const admin = new pg.Pool(poolConfig)
    await createPostgresStore({ pool: admin, table }).migrate()
    const pools: pg.Pool[] = []
    return {
      create: () => {
        const pool = new pg.Pool(poolConfig)
        pools.push(pool)
        return Promise.resolve(createPostgresStore({ pool, table }))
      },
      cleanup: async () => {
        await admin.query(`DROP TABLE IF EXISTS "${table}"`)
        await admin.end()
        await Promise.all(pools.map((pool) => pool.end()))
      },
    }
  },
})

describe('createPostgresStore', () => {
  const table = uniqueTable()
  let pool: pg.Pool

  beforeAll(() => {
    pool = new pg.Pool(poolConfig)
  })
  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS "${table}"`)
    await pool.query(`DROP TABLE IF EXISTS "${table}_q""x"`)
    await pool.end()
  })

  it('migrates idempotently, also from concurrent instances', async () => {
    const store = createPostgresStore({ pool, table })
    await Promise.all([store.migrate(), store.migrate(), store.migrate()])
    await store.migrate()
    const { rows } = await pool.query(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_name = $1 ORDER BY ordinal_position`,
      [table],
    )
    expect(rows).toEqual([
      { column_name: 'session_id', data_type: 'text' },
      { column_name: 'last_activity', data_type: 'bigint' },
      { column_name: 'revoked_at', data_type: 'bigint' },
      { column_name: 'expires_at', data_type: 'bigint' },
    ])
  })

  it('quotes the table name', async () => {
    const store = createPostgresStore({ pool, table: `${table}_q"x` })
    await store.migrate()
    await store.touch('s', 1_000, 60_000, 0)
    expect(await store.get('s')).toEqual({ lastActivity: 1_000 })
  })

  it('refuses table names PostgreSQL would truncate', () => {
    expect(() => createPostgresStore({ pool, table: 'x'.repeat(64) })).toThrow(TypeError)
    expect(() => createPostgresStore({ pool, table: '' })).toThrow(TypeError)
  })

  it('sweeps expired rows and only those', async () => {
    const store = createPostgresStore({ pool, table })
    await store.migrate()
    await store.touch('old-1', 1_000, 50, 0)
    await store.markRevoked('old-2', 1_000, 50)
    await store.touch('live', 1_000, 60_000, 0)
    await sleep(150)
    expect(await store.sweep()).toBe(2)
    const { rows } = await pool.query(`SELECT session_id FROM "${table}" ORDER BY 1`)
    expect(rows).toEqual([{ session_id: 'live' }])
    expect(await store.sweep()).toBe(0)
  })

  it('rejects before migrate() with the server error', async () => {
    const store = createPostgresStore({ pool, table: uniqueTable() })
    await expect(store.get('s')).rejects.toThrow(/does not exist/)
  })
})
