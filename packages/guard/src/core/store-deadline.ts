import type { ActivityRecord, SessionStore } from '../stores/types.ts'

/**
 * The guard's own bound on each store call (`storeTimeout`). Clients have timeouts of their own,
 * but they are off by default (ioredis has no `commandTimeout`, `pg` no `query_timeout`), and a
 * stalled connection then leaves a request pending for as long as the TCP connection lives. Past
 * the deadline the call rejects, and the guard answers 503 `store-unavailable` as for any store
 * error (fail closed).
 *
 * The deadline does not cancel the call: it may still reach the server (a late `touch` cannot move
 * activity backwards and a late `markRevoked` is first-wins), and a client without timeouts keeps
 * its connection busy. Its late answer, value or error, is dropped without an unhandled rejection.
 *
 * `close` has no deadline: the guard never calls it, and an application shutting down should wait
 * for its own clients rather than be told they closed when they did not.
 */
export function withStoreDeadline(store: SessionStore, deadlineMs: number): SessionStore {
  const name = store.name
  const bounded = <T>(method: string, call: () => Promise<T>): Promise<T> => {
    // A store that throws instead of rejecting fails the same way (the contract asks for a rejection).
    const pending = new Promise<T>((resolve) => {
      resolve(call())
    })
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Names the store, the call and the bound only: arguments are session ids, kept out of logs.
        reject(new Error(`store '${name}' did not answer ${method} within ${deadlineMs} ms`))
      }, deadlineMs)
      // Edge runtimes return a number, with nothing to unref.
      ;(timer as { unref?: () => void }).unref?.()
      // Both outcomes are handled here, so a late rejection is never unhandled; after the deadline
      // this resolve is a no-op. Resolving with `pending` passes its value or its error on unchanged.
      const settle = (): void => {
        clearTimeout(timer)
        resolve(pending)
      }
      pending.then(settle, settle)
    })
  }
  return {
    name,
    get: (sessionId): Promise<ActivityRecord | null> => bounded('get', () => store.get(sessionId)),
    touch: (sessionId, at, ttlMs, minIntervalMs): Promise<ActivityRecord> =>
      bounded('touch', () => store.touch(sessionId, at, ttlMs, minIntervalMs)),
    markRevoked: (sessionId, at, ttlMs): Promise<boolean> =>
      bounded('markRevoked', () => store.markRevoked(sessionId, at, ttlMs)),
    delete: (sessionId): Promise<void> => bounded('delete', () => store.delete(sessionId)),
    close: () => store.close(),
  }
}
