import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeStoreContract } from '../../../../test/support/stores/contract.ts'
import { createRedisStore } from './redis.ts'

// The real shared server: every run writes under its own prefix and removes its keys afterwards.
const REDIS_URL = 'redis://127.0.0.1:6379'
const clientOptions = { maxRetriesPerRequest: 1, connectTimeout: 1_000, commandTimeout: 1_000 }

async function removeKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    if (keys.length > 0) await client.del(...keys)
    cursor = next
  } while (cursor !== '0')
}

describeStoreContract('redis', {
  shared: true,
  setup: () => {
    const prefix = `kratos-aegis-test:${randomUUID()}:`
    const clients: Redis[] = []
    return Promise.resolve({
      create: () => {
        const client = new Redis(REDIS_URL, clientOptions)
        clients.push(client)
        return Promise.resolve(createRedisStore({ client, prefix }))
      },
      cleanup: async () => {
        const admin = new Redis(REDIS_URL, clientOptions)
        await removeKeys(admin, prefix)
        await admin.quit()
        for (const client of clients) client.disconnect()
      },
    })
  },
})

describe('createRedisStore', () => {
  const prefix = `kratos-aegis-test:${randomUUID()}:`
  let client: Redis

  beforeAll(() => {
    client = new Redis(REDIS_URL, clientOptions)
  })
  afterAll(async () => {
    await removeKeys(client, prefix)
    await client.quit()
  })

  it('keeps one hash-tagged key per session, with a TTL', async () => {
    const store = createRedisStore({ client, prefix })
    const sid = randomUUID()
    await store.touch(sid, 1_000, 60_000, 0)
    await store.markRevoked(sid, 2_000, 30_000)
    const keys = await client.keys(`${prefix}*`)
    expect(keys).toEqual([`${prefix}{${sid}}`])
    expect(await client.hgetall(keys[0]!)).toEqual({ last: '1000', rev: '2000' })
    const ttl = await client.pttl(keys[0]!)
    expect(ttl).toBeGreaterThan(50_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  it('is one EVALSHA round trip per call', async () => {
    const calls: string[] = []
    const counting = {
      evalsha: (...args: Parameters<Redis['evalsha']>) => {
        calls.push('evalsha')
        return client.evalsha(...args)
      },
      eval: (...args: Parameters<Redis['eval']>) => {
        calls.push('eval')
        return client.eval(...args)
      },
    }
    const store = createRedisStore({ client: counting, prefix })
    const sid = randomUUID()
    await store.touch(sid, 1_000, 60_000, 0)
    calls.length = 0
    await store.touch(sid, 2_000, 60_000, 0)
    await store.get(sid)
    await store.markRevoked(sid, 3_000, 60_000)
    await store.delete(sid)
    expect(calls).toEqual(['evalsha', 'evalsha', 'evalsha', 'evalsha'])
  })

  it('refuses a prefix with braces', () => {
    expect(() => createRedisStore({ client, prefix: 'a{b}:' })).toThrow(TypeError)
  })
})
