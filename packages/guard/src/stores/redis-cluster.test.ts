import { randomUUID } from 'node:crypto'
import { Cluster } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeStoreContract } from '../../../../test/support/stores/contract.ts'
import {
  startThrowawayRedisCluster,
  type ThrowawayCluster,
} from '../../../../test/support/stores/fault-servers.ts'
import { createRedisStore } from './redis.ts'

// A throwaway three-master Redis Cluster on free loopback ports, gone after the suite.
const clusterOptions = {
  redisOptions: { maxRetriesPerRequest: 1, connectTimeout: 1_000, commandTimeout: 1_000 },
}

function connect(cluster: ThrowawayCluster): Cluster {
  return new Cluster(
    cluster.ports.map((port) => ({ host: '127.0.0.1', port })),
    clusterOptions,
  )
}

describe('Redis store on Redis Cluster', () => {
  let cluster: ThrowawayCluster
  beforeAll(async () => {
    cluster = await startThrowawayRedisCluster()
  }, 60_000)
  afterAll(async () => {
    await cluster.destroy()
  })

  describeStoreContract('redis', {
    shared: true,
    setup: () => {
      const clients: Cluster[] = []
      return Promise.resolve({
        create: () => {
          const client = connect(cluster)
          clients.push(client)
          return Promise.resolve(createRedisStore({ client, prefix: 'cluster:' }))
        },
        cleanup: () => {
          for (const client of clients) client.disconnect()
          return Promise.resolve()
        },
      })
    },
  })

  it('spreads sessions over every master', async () => {
    const client = connect(cluster)
    try {
      const store = createRedisStore({ client, prefix: 'spread:' })
      const ids = Array.from({ length: 60 }, () => randomUUID())
      await Promise.all(ids.map((sid) => store.touch(sid, 1_000, 60_000, 0)))
      const counts = await Promise.all(client.nodes('master').map((node) => node.dbsize()))
      expect(counts).toHaveLength(3)
      for (const count of counts) expect(count).toBeGreaterThan(0)
      expect(await Promise.all(ids.map((sid) => store.get(sid)))).toEqual(
        ids.map(() => ({ lastActivity: 1_000 })),
      )
    } finally {
      client.disconnect()
    }
  })
})
