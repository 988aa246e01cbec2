import { checkRevoke, checkSessionId, checkTouch } from './args.ts'
import type { ActivityRecord, SessionStore } from './types.ts'

export interface MemoryStoreOptions {
  /** Upper bound on tracked sessions; the least recently used is evicted first. Default 100,000. */
  readonly maxEntries?: number
  /** Clock in epoch ms, for TTLs; tests inject one. Default `Date.now`. */
  readonly now?: () => number
}

interface Entry {
  lastActivity: number
  revokedAt: number | undefined
  expiresAt: number
}

const DEFAULT_MAX_ENTRIES = 100_000

/**
 * An in-process store for one instance (the guard's default). A Map keeps insertion order, so
 * re-inserting on use makes its first key the least recently used: eviction is O(1) and memory is
 * bounded by `maxEntries` whatever the traffic (issue 10, "memory stays bounded").
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SessionStore {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('createMemoryStore: maxEntries must be a positive integer')
  }
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()

  function live(sessionId: string): Entry | undefined {
    const entry = entries.get(sessionId)
    if (entry === undefined) return undefined
    entries.delete(sessionId)
    if (entry.expiresAt <= now()) return undefined
    entries.set(sessionId, entry)
    return entry
  }

  function insert(sessionId: string, entry: Entry): void {
    entries.set(sessionId, entry)
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next()
      if (oldest.done === true) break
      entries.delete(oldest.value)
    }
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
      const created: Entry = { lastActivity: at, revokedAt: undefined, expiresAt: now() + ttlMs }
      insert(sessionId, created)
      return toRecord(created)
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
      insert(sessionId, { lastActivity: 0, revokedAt: at, expiresAt: now() + ttlMs })
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
        entries.delete(sessionId)
      }),
    close: () =>
      settle(() => {
        entries.clear()
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
