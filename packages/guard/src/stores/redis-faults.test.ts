import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startTcpProxy,
  startThrowawayRedis,
  type TcpProxy,
  type ThrowawayServer,
} from '../../../../test/support/stores/fault-servers.ts'
import { createRedisStore, type RedisScriptClient } from './redis.ts'
import type { SessionStore } from './types.ts'

// The options the README recommends: every call settles within about a second, even while down.
const clientOptions = {
  host: '127.0.0.1',
  maxRetriesPerRequest: 1,
  connectTimeout: 500,
  commandTimeout: 500,
  // A command that timed out was answered "no" to the guard; replaying it after a reconnect would
  // record activity or a revocation that the guard already treated as failed.
  autoResendUnfulfilledCommands: false,
  retryStrategy: (): number => 100,
}
const HOUR = 3_600_000
// Timeouts are 500 ms; the bound leaves room for a loaded machine, far from an unbounded hang.
const BOUND_MS = 4_000

async function rejectsWithinBound(operation: () => Promise<unknown>): Promise<void> {
  const started = Date.now()
  await expect(operation()).rejects.toThrow()
  expect(Date.now() - started).toBeLessThan(BOUND_MS)
}

async function eventually<T>(operation: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
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

async function allOperationsReject(store: SessionStore): Promise<void> {
  await Promise.all([
    rejectsWithinBound(() => store.get('s')),
    rejectsWithinBound(() => store.touch('s', 5_000, HOUR, 0)),
    rejectsWithinBound(() => store.markRevoked('s', 5_000, HOUR)),
    rejectsWithinBound(() => store.delete('s')),
  ])
}

describe('Redis store under faults (own redis-server, the shared one is untouched)', () => {
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason)
  }
  let server: ThrowawayServer
  let proxy: TcpProxy
  const clients: Redis[] = []

  const connect = (port: number, calls?: string[]): SessionStore => {
    const client = new Redis({ ...clientOptions, port })
    // Without a listener ioredis logs every reconnect failure; the README asks users for one.
    client.on('error', () => undefined)
    clients.push(client)
    const counted: RedisScriptClient = {
      evalsha: (...args) => {
        calls?.push('evalsha')
        return client.evalsha(...args)
      },
      eval: (...args) => {
        calls?.push('eval')
        return client.eval(...args)
      },
    }
    return createRedisStore({ client: counted, prefix: `faults:${randomUUID()}:` })
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    server = await startThrowawayRedis()
    proxy = await startTcpProxy(server.port)
  }, 30_000)
  afterAll(async () => {
    for (const client of clients) client.disconnect()
    await proxy.close()
    await server.destroy()
    process.off('unhandledRejection', onUnhandled)
  })

  it('rejects while stopped, then recovers after a restart that lost the script cache', async () => {
    const calls: string[] = []
    const store = connect(server.port, calls)
    await store.touch('s', 1_000, HOUR, 0)
    await server.stop()
    await allOperationsReject(store)
    await server.start()
    // No persistence on this server: the restart lost the record (the guard then starts over).
    expect(await eventually(() => store.get('s'))).toBeNull()
    calls.length = 0
    expect(await store.touch('s', 2_000, HOUR, 0)).toEqual({ lastActivity: 2_000 })
    expect(calls).toEqual(['evalsha', 'eval'])
    calls.length = 0
    expect(await store.touch('s', 3_000, HOUR, 0)).toEqual({ lastActivity: 3_000 })
    expect(calls).toEqual(['evalsha'])
  }, 30_000)

  it('rejects while the network is cut and keeps the data once it is back', async () => {
    const store = connect(proxy.port)
    await store.touch('s', 1_000, HOUR, 0)
    await proxy.cut()
    await allOperationsReject(store)
    await proxy.restore()
    expect(await eventually(() => store.get('s'))).toEqual({ lastActivity: 1_000 })
  }, 30_000)

  it('rejects within the command timeout while the server hangs, then recovers', async () => {
    const store = connect(proxy.port)
    await store.markRevoked('s', 1_000, HOUR)
    await proxy.stall()
    await allOperationsReject(store)
    await proxy.restore()
    expect(await eventually(() => store.get('s'))).toEqual({ lastActivity: 0, revokedAt: 1_000 })
    expect(await store.markRevoked('s', 2_000, HOUR)).toBe(false)
  }, 30_000)

  it('raised no unhandled rejection', () => {
    expect(unhandled).toEqual([])
  })
})
