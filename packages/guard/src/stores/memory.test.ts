import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from './memory.ts'
import type { ActivityRecord } from './types.ts'

const HOUR = 3_600_000

describe('createMemoryStore', () => {
  it('evicts the least recently used session beyond maxEntries', async () => {
    const store = createMemoryStore({ maxEntries: 3 })
    for (const sid of ['a', 'b', 'c']) await store.touch(sid, 1_000, HOUR, 0)
    await store.get('a')
    await store.touch('d', 1_000, HOUR, 0)
    expect(await store.get('b')).toBeNull()
    expect(await store.get('a')).toEqual({ lastActivity: 1_000 })
    expect(await store.get('c')).toEqual({ lastActivity: 1_000 })
    expect(await store.get('d')).toEqual({ lastActivity: 1_000 })
  })

  it('stays bounded under a flood of sessions', async () => {
    const store = createMemoryStore({ maxEntries: 100 })
    for (let i = 0; i < 10_000; i++) await store.touch(`s${i}`, i, HOUR, 0)
    let kept = 0
    for (let i = 0; i < 10_000; i++) if ((await store.get(`s${i}`)) !== null) kept++
    expect(kept).toBe(100)
    expect(await store.get('s9999')).toEqual({ lastActivity: 9_999 })
  })

  it('honours TTLs on the injected clock', async () => {
    let clock = 50_000
    const store = createMemoryStore({ now: () => clock })
    await store.touch('s', 1_000, 100, 0)
    clock += 99
    expect(await store.get('s')).toEqual({ lastActivity: 1_000 })
    clock += 1
    expect(await store.get('s')).toBeNull()
  })

  it('never shortens a TTL when a later write asks for a shorter one', async () => {
    let clock = 0
    const store = createMemoryStore({ now: () => clock })
    await store.touch('s', 1_000, 1_000, 0)
    await store.touch('s', 2_000, 10, 0)
    clock = 999
    expect(await store.get('s')).toEqual({ lastActivity: 2_000 })
  })

  it('rejects a bad maxEntries at creation', () => {
    expect(() => createMemoryStore({ maxEntries: 0 })).toThrow(RangeError)
    expect(() => createMemoryStore({ maxEntries: 1.5 })).toThrow(RangeError)
  })

  it('forgets everything on close', async () => {
    const store = createMemoryStore()
    await store.touch('s', 1, HOUR, 0)
    await store.close()
    expect(await store.get('s')).toBeNull()
  })

  it('keeps every session while they fit, whatever the order of use', async () => {
    const store = createMemoryStore({ maxEntries: 1_000 })
    for (let i = 0; i < 1_000; i++) await store.touch(`s${i}`, i, HOUR, 0)
    // Reads in a scrambled order must not evict anything: only a new session beyond the bound does.
    for (let i = 0; i < 3_000; i++)
      expect(await store.get(`s${(i * 7_919) % 1_000}`)).not.toBeNull()
    await store.touch('new', 1, HOUR, 0)
    const gone: string[] = []
    for (let i = 0; i < 1_000; i++) if ((await store.get(`s${i}`)) === null) gone.push(`s${i}`)
    expect(gone).toHaveLength(1)
  })

  it('evicts exactly as a reference LRU under random use, deletes and expiry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), async (steps) => {
        let clock = 0
        const store = createMemoryStore({ maxEntries: 4, now: () => clock })
        const model = new LruModel(4)
        for (const s of steps) {
          clock += s.advance
          const sid = `s${s.sid}`
          const expected = model.apply(s, sid, clock)
          if (s.kind === 'get') expect(await store.get(sid)).toEqual(expected)
          else if (s.kind === 'touch')
            expect(await store.touch(sid, s.at, s.ttl, 0)).toEqual(expected)
          else if (s.kind === 'revoke')
            expect(await store.markRevoked(sid, s.at, s.ttl)).toEqual(expected)
          else await expect(store.delete(sid)).resolves.toBeUndefined()
        }
      }),
      { numRuns: 300 },
    )
  })
})

interface Step {
  readonly kind: 'get' | 'touch' | 'revoke' | 'delete'
  readonly sid: number
  readonly at: number
  readonly ttl: number
  readonly advance: number
}

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('get', 'touch', 'touch', 'revoke', 'delete'),
  sid: fc.integer({ min: 0, max: 6 }),
  at: fc.integer({ min: 1, max: 100 }),
  ttl: fc.constantFrom(5, 50, HOUR),
  advance: fc.constantFrom(0, 0, 1, 10),
})

/** The store's contract plus exact LRU, written the slow and obvious way (an array, newest last). */
class LruModel {
  private order: { sid: string; last: number; revoked: number | undefined; until: number }[] = []
  private readonly max: number
  constructor(max: number) {
    this.max = max
  }

  apply(s: Step, sid: string, now: number): unknown {
    const i = this.order.findIndex((r) => r.sid === sid)
    let found = i < 0 ? undefined : this.order.splice(i, 1)[0]
    if (found !== undefined && found.until <= now) found = undefined
    if (s.kind === 'delete') return undefined
    if (found === undefined) {
      if (s.kind === 'get') return null
      found =
        s.kind === 'touch'
          ? { sid, last: s.at, revoked: undefined, until: now + s.ttl }
          : { sid, last: 0, revoked: s.at, until: now + s.ttl }
      this.order.push(found)
      if (this.order.length > this.max) this.order.shift()
      return s.kind === 'touch' ? record(found) : true
    }
    this.order.push(found)
    if (s.kind === 'get') return record(found)
    if (s.kind === 'touch') {
      if (s.at > found.last) {
        found.last = s.at
        found.until = Math.max(found.until, now + s.ttl)
      }
      return record(found)
    }
    if (found.revoked !== undefined) return false
    found.revoked = s.at
    found.until = Math.max(found.until, now + s.ttl)
    return true
  }
}

function record(r: { last: number; revoked: number | undefined }): ActivityRecord {
  return r.revoked === undefined
    ? { lastActivity: r.last }
    : { lastActivity: r.last, revokedAt: r.revoked }
}
