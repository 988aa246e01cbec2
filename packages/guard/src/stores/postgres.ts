import { createHash } from 'node:crypto'
import { checkDuration, checkRevoke, checkSessionId, checkTouch } from './args.ts'
import type { ActivityRecord, SessionStore } from './types.ts'

/** What the store needs from `pg`: a `Pool` fits as is (so does a `Client`). */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>
}

export interface PostgresStoreOptions {
  /** Injected, never ended by the store. Set `connectionTimeoutMillis` and `query_timeout`. */
  readonly pool: PgQueryable
  /** Table name, optionally `schema.table`; default `kratos_aegis_sessions`. */
  readonly table?: string
}

export interface PostgresSessionStore extends SessionStore {
  /** Creates the table and its index if missing; safe to run from every instance at once. */
  migrate(): Promise<void>
  /** Deletes up to `limit` expired rows (default 10,000) and returns how many it deleted. */
  sweep(limit?: number): Promise<number>
}

const DEFAULT_TABLE = 'kratos_aegis_sessions'
// PostgreSQL silently truncates longer identifiers, which could merge two configured tables.
const MAX_IDENTIFIER_BYTES = 63
// One clock for every instance (the server's), as Redis TTLs use the Redis server's clock.
const NOW_MS = `(extract(epoch FROM now()) * 1000)::bigint`

function quoteIdentifier(name: string): string {
  if (name.length === 0 || Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES || name.includes('\0')) {
    throw new TypeError(`createPostgresStore: invalid table name part (1-63 bytes)`)
  }
  return `"${name.replaceAll('"', '""')}"`
}

function sqlFor(table: string): Record<'table' | 'index' | 'lock', string> {
  const dot = table.indexOf('.')
  const parts = dot === -1 ? [table] : [table.slice(0, dot), table.slice(dot + 1)]
  const name = parts[parts.length - 1] ?? table
  const digest = createHash('sha256').update(table).digest('hex')
  return {
    table: parts.map(quoteIdentifier).join('.'),
    // A short digest keeps index names unique and within 63 bytes whatever the table name.
    index: quoteIdentifier(`${name.slice(0, 40)}_${digest.slice(0, 8)}_expires`),
    lock: `x'${digest.slice(0, 15)}'::bigint`,
  }
}

export function createPostgresStore(options: PostgresStoreOptions): PostgresSessionStore {
  const { pool } = options
  const sql = sqlFor(options.table ?? DEFAULT_TABLE)
  const t = sql.table

  // One implicit transaction (simple protocol); the advisory lock serialises concurrent migrations.
  const migration = `SELECT pg_advisory_xact_lock(${sql.lock});
CREATE TABLE IF NOT EXISTS ${t} (
  session_id text PRIMARY KEY,
  last_activity bigint NOT NULL,
  revoked_at bigint,
  expires_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS ${sql.index} ON ${t} (expires_at);`

  // A row past expires_at counts as absent until sweep() deletes it, so a touch starts it over.
  const touch = `INSERT INTO ${t} AS s (session_id, last_activity, revoked_at, expires_at)
VALUES ($1, $2, NULL, ${NOW_MS} + $3)
ON CONFLICT (session_id) DO UPDATE SET
  last_activity = EXCLUDED.last_activity,
  revoked_at = CASE WHEN s.expires_at <= ${NOW_MS} THEN NULL ELSE s.revoked_at END,
  expires_at = GREATEST(s.expires_at, EXCLUDED.expires_at)
WHERE s.expires_at <= ${NOW_MS}
  OR (EXCLUDED.last_activity > s.last_activity AND EXCLUDED.last_activity - s.last_activity >= $4)
RETURNING last_activity, revoked_at`

  const markRevoked = `INSERT INTO ${t} AS s (session_id, last_activity, revoked_at, expires_at)
VALUES ($1, 0, $2, ${NOW_MS} + $3)
ON CONFLICT (session_id) DO UPDATE SET
  last_activity = CASE WHEN s.expires_at <= ${NOW_MS} THEN 0 ELSE s.last_activity END,
  revoked_at = EXCLUDED.revoked_at,
  expires_at = GREATEST(s.expires_at, EXCLUDED.expires_at)
WHERE s.revoked_at IS NULL OR s.expires_at <= ${NOW_MS}
RETURNING 1`

  const get = `SELECT last_activity, revoked_at FROM ${t} WHERE session_id = $1 AND expires_at > ${NOW_MS}`

  async function read(sessionId: string): Promise<ActivityRecord | null> {
    const result = await pool.query(get, [sessionId])
    return toRecord(result.rows[0])
  }

  return {
    name: 'postgres',
    async migrate() {
      await pool.query(migration)
    },
    async sweep(limit = 10_000) {
      checkDuration('limit', limit, 1)
      const result = await pool.query(
        `DELETE FROM ${t} WHERE session_id IN
          (SELECT session_id FROM ${t} WHERE expires_at <= ${NOW_MS} LIMIT $1)`,
        [limit],
      )
      return result.rowCount ?? 0
    },
    async get(sessionId) {
      checkSessionId(sessionId)
      return read(sessionId)
    },
    async touch(sessionId, at, ttlMs, minIntervalMs) {
      checkTouch(sessionId, at, ttlMs, minIntervalMs)
      // A skipped write returns no row; the follow-up read runs on a fresh snapshot (READ
      // COMMITTED), so it sees the row the upsert conflicted with, even one inserted concurrently.
      for (let attempt = 0; attempt < 3; attempt++) {
        const result = await pool.query(touch, [sessionId, at, ttlMs, minIntervalMs])
        const record = toRecord(result.rows[0]) ?? (await read(sessionId))
        if (record !== null) return record
      }
      throw new Error('postgres store: the session row kept vanishing during touch')
    },
    async markRevoked(sessionId, at, ttlMs) {
      checkRevoke(sessionId, at, ttlMs)
      const result = await pool.query(markRevoked, [sessionId, at, ttlMs])
      return result.rows.length === 1
    },
    async delete(sessionId) {
      checkSessionId(sessionId)
      await pool.query(`DELETE FROM ${t} WHERE session_id = $1`, [sessionId])
    },
    close() {
      return Promise.resolve()
    },
  }
}

function toRecord(row: unknown): ActivityRecord | null {
  if (row === undefined || row === null) return null
  const { last_activity: last, revoked_at: revoked } = row as Record<string, unknown>
  const lastActivity = Number(last)
  return revoked == null ? { lastActivity } : { lastActivity, revokedAt: Number(revoked) }
}
