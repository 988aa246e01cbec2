import { describe, expect, it } from 'vitest'
import { createMemoryStore } from './memory.ts'

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
})
