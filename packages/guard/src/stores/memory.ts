import { checkRevoke, checkSessionId, checkTouch } from './args.ts'
import type { ActivityRecord, SessionStore } from './types.ts'

export interface MemoryStoreOptions {
  /** Upper bound on tracked sessions; the least recently used is evicted first. Default 100,000. */
  readonly maxEntries?: number
  /** Clock in epoch ms, for TTLs; tests inject one. Default `Date.now`. */
  readonly now?: () => number
}

/** A session's record, also a link in the recency list (newest first). */
interface Entry {
  readonly sessionId: string
  lastActivity: number
  revokedAt: number | undefined
  expiresAt: number
  newer: Entry | undefined
  older: Entry | undefined
}

const DEFAULT_MAX_ENTRIES = 100_000

/**
 * An in-process store for one instance (the guard's default). Memory is bounded by `maxEntries`
 * whatever the traffic (issue 10, "memory stays bounded"), and eviction is exact LRU: a record
 * that vanishes early revives an idle session or forgets a revocation, so every session used
 * more recently than the `maxEntries`-th is kept.
 *
 * A Map finds the record and a doubly linked list through the records orders them: a hit relinks
 * two records and never writes the Map. The earlier version re-inserted Map keys on every use and
 * evicted `keys().next()`, which walks the deleted slots re-insertion leaves at the table's front:
 * about 100 µs an eviction at 100,000 sessions. The guard core's two-generation LRU
 * (core/lru.ts) is cheaper still but keeps only the newest half for certain: a uniform workload
 * over exactly `maxEntries` sessions found 50 % of its records (figures: docs/benchmarks.md).
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SessionStore {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('createMemoryStore: maxEntries must be a positive integer')
  }
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()
  let newest: Entry | undefined
  let oldest: Entry | undefined

  function unlink(entry: Entry): void {
    if (entry.newer === undefined) newest = entry.older
    else entry.newer.older = entry.older
    if (entry.older === undefined) oldest = entry.newer
    else entry.older.newer = entry.newer
    entry.newer = undefined
    entry.older = undefined
  }

  function linkNewest(entry: Entry): void {
    entry.older = newest
    if (newest === undefined) oldest = entry
    else newest.newer = entry
    newest = entry
  }

  function remove(entry: Entry): void {
    entries.delete(entry.sessionId)
    unlink(entry)
  }

  function live(sessionId: string): Entry | undefined {
    const entry = entries.get(sessionId)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= now()) {
      remove(entry)
      return undefined
    }
    if (entry !== newest) {
      unlink(entry)
      linkNewest(entry)
    }
    return entry
  }

  function insert(
    sessionId: string,
    lastActivity: number,
    revokedAt: number | undefined,
    ttlMs: number,
  ): Entry {
    const entry: Entry = {
      sessionId,
      lastActivity,
      revokedAt,
      expiresAt: now() + ttlMs,
      newer: undefined,
      older: undefined,
    }
    entries.set(sessionId, entry)
    linkNewest(entry)
    if (entries.size > maxEntries && oldest !== undefined) remove(oldest)
    return entry
  }

  function get(sessionId: string): ActivityRecord | null {
    checkSessionId(sessionId)
    const entry = live(sessionId)
    return entry === undefined ? null : toRecord(entry)
  }

  function touch(
    sessionId: string,
    at: number,
    ttlMs: number,
    minIntervalMs: number,
  ): ActivityRecord {
    checkTouch(sessionId, at, ttlMs, minIntervalMs)
    const entry = live(sessionId)
    if (entry === undefined) {
      return toRecord(insert(sessionId, at, undefined, ttlMs))
    }
    // Same rule as the Redis script and the SQL upsert: never backwards, and skip small moves.
    if (at > entry.lastActivity && at - entry.lastActivity >= minIntervalMs) {
      entry.lastActivity = at
      entry.expiresAt = Math.max(entry.expiresAt, now() + ttlMs)
    }
    return toRecord(entry)
  }

  function markRevoked(sessionId: string, at: number, ttlMs: number): boolean {
    checkRevoke(sessionId, at, ttlMs)
    const entry = live(sessionId)
    if (entry === undefined) {
      // No activity recorded: 0 reads as "idle forever", so a guard that ignores revokedAt still denies.
      insert(sessionId, 0, at, ttlMs)
      return true
    }
    if (entry.revokedAt !== undefined) return false
    entry.revokedAt = at
    entry.expiresAt = Math.max(entry.expiresAt, now() + ttlMs)
    return true
  }

  return {
    name: 'memory',
    get: (sessionId) => settle(() => get(sessionId)),
    touch: (sessionId, at, ttlMs, minIntervalMs) =>
      settle(() => touch(sessionId, at, ttlMs, minIntervalMs)),
    markRevoked: (sessionId, at, ttlMs) => settle(() => markRevoked(sessionId, at, ttlMs)),
    delete: (sessionId) =>
      settle(() => {
        checkSessionId(sessionId)
        const entry = entries.get(sessionId)
        if (entry !== undefined) remove(entry)
      }),
    close: () =>
      settle(() => {
        entries.clear()
        newest = undefined
        oldest = undefined
      }),
  }
}

/** Turns a synchronous throw (bad argument) into a rejection, as the networked stores do. */
function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run())
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}

function toRecord(entry: Entry): ActivityRecord {
  return entry.revokedAt === undefined
    ? { lastActivity: entry.lastActivity }
    : { lastActivity: entry.lastActivity, revokedAt: entry.revokedAt }
}
