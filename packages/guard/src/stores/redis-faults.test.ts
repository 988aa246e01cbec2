import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import {
  allOperationsReject,
  eventually as retry,
  useFaultTarget,
} from '../../../../test/support/stores/fault-checks.ts'
import { startThrowawayRedis } from '../../../../test/support/stores/fault-servers.ts'
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

describe('Redis store under faults (own redis-server, the shared one is untouched)', () => {
  const clients: Redis[] = []
  const target = useFaultTarget({
    start: startThrowawayRedis,
    closeClients: () => {
      for (const client of clients) client.disconnect()
      return Promise.resolve()
    },
    setupTimeoutMs: 30_000,
  })
  const eventually = <T>(operation: () => Promise<T>): Promise<T> => retry(operation, 10_000)

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

  it('rejects while stopped, then recovers after a restart that lost the script cache', async () => {
    const calls: string[] = []
    const store = connect(target.server.port, calls)
    await store.touch('s', 1_000, HOUR, 0)
    await target.server.stop()
    await allOperationsReject(store)
    await target.server.start()
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
    const store = connect(target.proxy.port)
    await store.touch('s', 1_000, HOUR, 0)
    await target.proxy.cut()
    await allOperationsReject(store)
    await target.proxy.restore()
    expect(await eventually(() => store.get('s'))).toEqual({ lastActivity: 1_000 })
  }, 30_000)

  it('rejects within the command timeout while the server hangs, then recovers', async () => {
    const store = connect(target.proxy.port)
    await store.markRevoked('s', 1_000, HOUR)
    await target.proxy.stall()
    await allOperationsReject(store)
    await target.proxy.restore()
    expect(await eventually(() => store.get('s'))).toEqual({ lastActivity: 0, revokedAt: 1_000 })
    expect(await store.markRevoked('s', 2_000, HOUR)).toBe(false)
  }, 30_000)

  it('raised no unhandled rejection', () => {
    expect(target.unhandled).toEqual([])
  })
})
