/**
 * Argument checks shared by every store, so a bad call fails the same way (a rejected promise) in
 * memory, Redis and PostgreSQL, and nothing unbounded reaches a key or a row.
 */

/** Kratos session ids are UUIDs; the bound keeps a hostile id from growing keys or rows. */
const MAX_SESSION_ID_LENGTH = 256

export function checkSessionId(sessionId: string): void {
  if (typeof sessionId !== 'string' || sessionId.length === 0) {
    throw new TypeError('session store: sessionId must be a non-empty string')
  }
  if (sessionId.length > MAX_SESSION_ID_LENGTH) {
    throw new RangeError(`session store: sessionId longer than ${MAX_SESSION_ID_LENGTH} characters`)
  }
}

export function checkTime(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`session store: ${name} must be a non-negative integer (epoch ms)`)
  }
}

export function checkDuration(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`session store: ${name} must be an integer >= ${min} (ms)`)
  }
}

/** Validates touch's arguments; ttl must be positive or the record would never exist. */
export function checkTouch(
  sessionId: string,
  at: number,
  ttlMs: number,
  minIntervalMs: number,
): void {
  checkSessionId(sessionId)
  checkTime('at', at)
  checkDuration('ttlMs', ttlMs, 1)
  checkDuration('minIntervalMs', minIntervalMs, 0)
}

export function checkRevoke(sessionId: string, at: number, ttlMs: number): void {
  checkSessionId(sessionId)
  checkTime('at', at)
  checkDuration('ttlMs', ttlMs, 1)
}
