/**
 * What every store fault test (`stores/<name>-faults.test.ts`) needs around the throwaway server
 * and proxy of fault-servers.ts: their lifecycle, a watch for unhandled rejections, and the
 * "settles within a bound, never hangs" assertions. Test-only.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect } from 'vitest'
import type { SessionStore } from '../../../packages/guard/src/stores/types.ts'
import { startTcpProxy, type TcpProxy, type ThrowawayServer } from './fault-servers.ts'

const HOUR = 3_600_000
// The stores' recommended timeouts are 500 ms; the bound leaves room for a loaded machine, far
// from an unbounded hang.
const BOUND_MS = 4_000

export async function rejectsWithinBound(operation: () => Promise<unknown>): Promise<void> {
  const started = Date.now()
  await expect(operation()).rejects.toThrow()
  expect(Date.now() - started).toBeLessThan(BOUND_MS)
}

/** Retries until the operation resolves (a client reconnecting), or rethrows after the timeout. */
export async function eventually<T>(operation: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await operation()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await sleep(100)
    }
  }
}

export async function allOperationsReject(store: SessionStore): Promise<void> {
  await Promise.all([
    rejectsWithinBound(() => store.get('s')),
    rejectsWithinBound(() => store.touch('s', 5_000, HOUR, 0)),
    rejectsWithinBound(() => store.markRevoked('s', 5_000, HOUR)),
    rejectsWithinBound(() => store.delete('s')),
  ])
}

export interface FaultTarget {
  /** The throwaway server (stop/start it); valid inside tests. */
  readonly server: ThrowawayServer
  /** A TCP proxy in front of it (cut/stall/restore); valid inside tests. */
  readonly proxy: TcpProxy
  /** Unhandled rejections seen while the suite ran: a store must reject, never leak one. */
  readonly unhandled: readonly unknown[]
}

export interface FaultTargetOptions {
  /** Starts the server (startThrowawayRedis, startThrowawayPostgres). */
  readonly start: () => Promise<ThrowawayServer>
  /** Closes the clients the tests opened; runs before the proxy and the server go. */
  readonly closeClients: () => Promise<unknown>
  readonly setupTimeoutMs: number
  readonly teardownTimeoutMs?: number
}

/** Registers the suite's beforeAll/afterAll: server, proxy, unhandled-rejection watch. */
export function useFaultTarget(options: FaultTargetOptions): FaultTarget {
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason)
  }
  let server: ThrowawayServer | undefined
  let proxy: TcpProxy | undefined

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    server = await options.start()
    proxy = await startTcpProxy(server.port)
  }, options.setupTimeoutMs)
  afterAll(async () => {
    await options.closeClients()
    await proxy?.close()
    await server?.destroy()
    process.off('unhandledRejection', onUnhandled)
  }, options.teardownTimeoutMs)

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('fault target used outside a test')
    return value
  }
  return {
    get server() {
      return ready(server)
    },
    get proxy() {
      return ready(proxy)
    },
    unhandled,
  }
}
