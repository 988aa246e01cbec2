import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import {
  postgresSoakTarget,
  redisSoakTarget,
  type SoakTarget,
  type Teardown,
} from '../../../../test/support/stores/soak-targets.ts'
import type { SessionStore } from './types.ts'

/*
 * A bounded soak: two instances touch and revoke 20 sessions for a few seconds while a TCP proxy
 * in front of the shared server cuts the connection twice (the server itself is never stopped).
 * Acknowledged activity must survive (never lost beyond one minInterval), answers never go
 * backwards, and no session is reported revoked-first twice.
 */
const MIN_INTERVAL = 50
const HOUR = 3_600_000
const SESSIONS = 20

// The stores README's recommended client timeouts.
const TIMEOUT_MS = 500

async function soak(target: SoakTarget): Promise<void> {
  const { proxy } = target
  const ids = Array.from({ length: SESSIONS }, () => randomUUID())
  const acked = new Map<string, number>()
  const firsts = new Map<string, number>()
  let clock = 1_000
  let running = true
  let failures = 0
  const worker = async (store: SessionStore, seed: number): Promise<void> => {
    for (let i = seed; running; i++) {
      const sid = ids[(i * 7) % SESSIONS]!
      const at = (clock += 7)
      try {
        if (i % 25 === 0) {
          if (await store.markRevoked(sid, at, HOUR)) firsts.set(sid, (firsts.get(sid) ?? 0) + 1)
        } else {
          const record = await store.touch(sid, at, HOUR, MIN_INTERVAL)
          expect(record.lastActivity).toBeGreaterThan(at - MIN_INTERVAL)
          acked.set(sid, Math.max(acked.get(sid) ?? 0, at))
        }
      } catch (error) {
        if ((error as { name?: string }).name === 'AssertionError') {
          running = false
          throw error
        }
        failures++
        await sleep(20)
      }
    }
  }
  const done = Promise.all([0, 1, 2, 3].map((n) => worker(target.stores[n % 2]!, n)))
  done.catch(() => undefined) // awaited below; a failed assertion also stops the other workers
  await sleep(700)
  await proxy.cut()
  await sleep(500)
  await proxy.restore()
  await sleep(700)
  await proxy.stall()
  await sleep(700)
  await proxy.restore()
  await sleep(1_000)
  running = false
  await done

  expect(failures).toBeGreaterThan(0) // the outages really happened
  expect([...firsts.values()].every((count) => count === 1)).toBe(true)
  for (const sid of ids) {
    const record = await target.direct.get(sid)
    const ack = acked.get(sid)
    if (ack !== undefined) expect(record?.lastActivity).toBeGreaterThan(ack - MIN_INTERVAL)
    if (record !== null) expect(record.lastActivity).toBeLessThanOrEqual(clock)
  }
}

describe('stores under a bounded soak with outages', () => {
  const teardown: Teardown = []
  afterAll(async () => {
    for (const step of teardown.reverse()) await step()
  })

  it('Redis keeps acknowledged activity and revokes once', async () => {
    await soak(await redisSoakTarget(teardown, TIMEOUT_MS))
  }, 60_000)

  it('PostgreSQL keeps acknowledged activity and revokes once', async () => {
    await soak(await postgresSoakTarget(teardown, TIMEOUT_MS))
  }, 60_000)
})
