import { randomUUID } from 'node:crypto'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeStoreContract } from '../../../../test/support/stores/contract.ts'
import {
  startThrowawayRedis,
  type ThrowawayServer,
} from '../../../../test/support/stores/fault-servers.ts'
import { createRedisStore } from './redis.ts'

// The same store through node-redis (`redis`): the shared server under a unique prefix.
const newClient = (port: number) =>
  createClient({ socket: { host: '127.0.0.1', port, connectTimeout: 1_000 } })
type NodeRedis = ReturnType<typeof newClient>

async function open(port: number): Promise<NodeRedis> {
  const client = newClient(port)
  client.on('error', () => undefined)
  await client.connect()
  return client
}

async function removeKeys(client: NodeRedis, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.del(keys)
  }
}

describeStoreContract('redis', {
  shared: true,
  setup: () => {
    const prefix = `kratos-aegis-test:${randomUUID()}:`
    const clients: NodeRedis[] = []
    return Promise.resolve({
      create: async () => {
        const client = await open(6379)
        clients.push(client)
        return createRedisStore({ client, prefix })
      },
      cleanup: async () => {
        const admin = await open(6379)
        await removeKeys(admin, prefix)
        admin.destroy()
        for (const client of clients) if (client.isOpen) client.destroy()
      },
    })
  },
})

describe('createRedisStore with node-redis', () => {
  let server: ThrowawayServer
  beforeAll(async () => {
    server = await startThrowawayRedis()
  }, 30_000)
  afterAll(async () => {
    await server.destroy()
  })

  it('loads its scripts on a server that has never seen them (NOSCRIPT fallback)', async () => {
    const client = await open(server.port)
    try {
      expect(await client.scriptExists(['0'.repeat(40)])).toEqual([0])
      const store = createRedisStore({ client, prefix: 'fresh:' })
      expect(await store.touch('s', 1_000, 60_000, 0)).toEqual({ lastActivity: 1_000 })
      expect(await store.markRevoked('s', 2_000, 60_000)).toBe(true)
      expect(await store.get('s')).toEqual({ lastActivity: 1_000, revokedAt: 2_000 })
      expect(await client.hGetAll('fresh:{s}')).toEqual({ last: '1000', rev: '2000' })
    } finally {
      client.destroy()
    }
  })
})
