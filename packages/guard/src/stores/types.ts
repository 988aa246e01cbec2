/**
 * The state the guard keeps per Kratos session, in memory, Redis or PostgreSQL. Keys are Kratos
 * session ids (UUIDs), never tokens or cookie values. One contract suite runs against every store.
 */
export interface ActivityRecord {
  /** Epoch milliseconds of the last activity the guard recorded (0 if only a revocation was). */
  readonly lastActivity: number
  /** Epoch milliseconds when the guard revoked the session, if it did. */
  readonly revokedAt?: number
}

export interface SessionStore {
  readonly name: string
  /** The record for a session, or null when none is kept (never seen, or expired by TTL). */
  get(sessionId: string): Promise<ActivityRecord | null>
  /**
   * Records activity at `at` atomically across instances and never moves it backwards: the stored
   * value becomes max(stored, at). Writes that would move it by less than `minIntervalMs` may be
   * skipped. `ttlMs` bounds how long the record lives without activity. Returns the record after
   * the update.
   */
  touch(
    sessionId: string,
    at: number,
    ttlMs: number,
    minIntervalMs: number,
  ): Promise<ActivityRecord>
  /**
   * Marks a session revoked by the guard, once: returns true for the first caller across all
   * instances and false for every later one, so the admin API is called once per session.
   */
  markRevoked(sessionId: string, at: number, ttlMs: number): Promise<boolean>
  /**
   * Forgets a session's record. Logout does not use it: it marks the session revoked, since an
   * instance that finds no record takes the session for one it has never seen.
   */
  delete(sessionId: string): Promise<void>
  /** Releases connections the store owns (not injected clients). */
  close(): Promise<void>
}
