/**
 * The one behaviour contract every SessionStore meets (the unstorage-driver pattern: one suite,
 * run against each store, on the real servers). Test-only: imported by *.test.ts files.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActivityRecord, SessionStore } from '../../../packages/guard/src/stores/types.ts'

export interface StoreFixture {
  /** A store instance. For shared stores each call opens a new client on the same data. */
  create(): Promise<SessionStore>
  /** Closes what `create` opened and removes the data the suite wrote. */
  cleanup(): Promise<void>
}

export interface ContractOptions {
  /** Instances share state (Redis, PostgreSQL): run the cross-instance cases on two instances. */
  readonly shared: boolean
  readonly setup: () => Promise<StoreFixture>
}

const HOUR = 3_600_000
const id = (): string => randomUUID()

export function describeStoreContract(name: string, options: ContractOptions): void {
  describe(`SessionStore contract: ${name}`, () => {
    let fixture: StoreFixture
    let store: SessionStore

    beforeAll(async () => {
      fixture = await options.setup()
      store = await fixture.create()
    })
    afterAll(async () => {
      await store.close()
      await fixture.cleanup()
    })

    it('has a name and knows nothing of an unseen session', async () => {
      expect(store.name).toBe(name)
      expect(await store.get(id())).toBeNull()
    })

    it('records activity and returns the record after the update', async () => {
      const sid = id()
      expect(await store.touch(sid, 1_000, HOUR, 0)).toEqual({ lastActivity: 1_000 })
      expect(await store.get(sid)).toEqual({ lastActivity: 1_000 })
    })

    it('never moves activity backwards', async () => {
      const sid = id()
      await store.touch(sid, 5_000, HOUR, 0)
      expect(await store.touch(sid, 4_000, HOUR, 0)).toEqual({ lastActivity: 5_000 })
      expect(await store.touch(sid, 5_000, HOUR, 0)).toEqual({ lastActivity: 5_000 })
      expect(await store.get(sid)).toEqual({ lastActivity: 5_000 })
      expect(await store.touch(sid, 5_001, HOUR, 0)).toEqual({ lastActivity: 5_001 })
    })

    it('skips writes that move activity by less than minIntervalMs', async () => {
      const sid = id()
      await store.touch(sid, 10_000, HOUR, 500)
      expect(await store.touch(sid, 10_499, HOUR, 500)).toEqual({ lastActivity: 10_000 })
      expect(await store.get(sid)).toEqual({ lastActivity: 10_000 })
      expect(await store.touch(sid, 10_500, HOUR, 500)).toEqual({ lastActivity: 10_500 })
      expect(await store.get(sid)).toEqual({ lastActivity: 10_500 })
    })

    it('forgets a record after its TTL, and a write extends the TTL', async () => {
      const gone = id()
      const kept = id()
      // Margins of 400 ms or more either side, so a loaded machine does not flip the outcome.
      await store.touch(gone, 1_000, 1_200, 0)
      await store.touch(kept, 1_000, 1_200, 0)
      expect(await store.get(gone)).toEqual({ lastActivity: 1_000 })
      await sleep(800)
      await store.touch(kept, 2_000, 1_200, 0)
      await sleep(800)
      expect(await store.get(gone)).toBeNull()
      expect(await store.get(kept)).toEqual({ lastActivity: 2_000 })
      await sleep(600)
      expect(await store.get(kept)).toBeNull()
      // Expired means gone: a new touch starts over, even with an earlier time.
      expect(await store.touch(kept, 1_500, HOUR, 0)).toEqual({ lastActivity: 1_500 })
    })

    it('marks a session revoked exactly once among 50 concurrent callers', async () => {
      const sid = id()
      await store.touch(sid, 7_000, HOUR, 0)
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.markRevoked(sid, 8_000 + i, HOUR)),
      )
      expect(results.filter(Boolean)).toHaveLength(1)
      const winner = 8_000 + results.indexOf(true)
      expect(await store.get(sid)).toEqual({ lastActivity: 7_000, revokedAt: winner })
      expect(await store.markRevoked(sid, 9_999, HOUR)).toBe(false)
    })

    it('keeps the revocation through later activity', async () => {
      const sid = id()
      await store.touch(sid, 1_000, HOUR, 0)
      expect(await store.markRevoked(sid, 2_000, HOUR)).toBe(true)
      expect(await store.touch(sid, 3_000, HOUR, 0)).toEqual({
        lastActivity: 3_000,
        revokedAt: 2_000,
      })
    })

    it('revokes a session it never saw, with lastActivity 0', async () => {
      const sid = id()
      expect(await store.markRevoked(sid, 4_000, HOUR)).toBe(true)
      expect(await store.get(sid)).toEqual({ lastActivity: 0, revokedAt: 4_000 })
    })

    it('forgets a revocation after its TTL', async () => {
      const sid = id()
      expect(await store.markRevoked(sid, 4_000, 150)).toBe(true)
      await sleep(350)
      expect(await store.get(sid)).toBeNull()
      expect(await store.markRevoked(sid, 5_000, HOUR)).toBe(true)
    })

    it('deletes activity and revocation', async () => {
      const sid = id()
      await store.touch(sid, 1_000, HOUR, 0)
      await store.markRevoked(sid, 2_000, HOUR)
      await store.delete(sid)
      expect(await store.get(sid)).toBeNull()
      await store.delete(sid)
      expect(await store.markRevoked(sid, 3_000, HOUR)).toBe(true)
    })

    it('keeps sessions with awkward ids apart', async () => {
      const ids = ['a', 'a}', '{a}', "o'; DROP TABLE x; --", 'ü:*?\\', 'x'.repeat(256)]
      await Promise.all(ids.map((sid, i) => store.touch(sid, 100 + i, HOUR, 0)))
      const records = await Promise.all(ids.map((sid) => store.get(sid)))
      expect(records).toEqual(ids.map((_, i) => ({ lastActivity: 100 + i })))
      await Promise.all(ids.map((sid) => store.delete(sid)))
    })

    it('rejects bad arguments with a rejected promise', async () => {
      await expect(store.get('')).rejects.toThrow(TypeError)
      await expect(store.get('x'.repeat(257))).rejects.toThrow(RangeError)
      await expect(store.touch(id(), Number.NaN, HOUR, 0)).rejects.toThrow(RangeError)
      await expect(store.touch(id(), 1, 0, 0)).rejects.toThrow(RangeError)
      await expect(store.touch(id(), 1, HOUR, -1)).rejects.toThrow(RangeError)
      await expect(store.markRevoked(id(), -1, HOUR)).rejects.toThrow(RangeError)
    })

    it('agrees with the reference model on random operation sequences', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (ops) => {
          const sid = id()
          const model = new ReferenceModel()
          for (const op of ops) expect(await apply(store, sid, op)).toEqual(model.apply(op))
          await store.delete(sid)
        }),
        { numRuns: 40 },
      )
    })

    describe(options.shared ? 'across two instances' : 'from concurrent callers', () => {
      let other: SessionStore
      beforeAll(async () => {
        other = options.shared ? await fixture.create() : store
      })
      afterAll(async () => {
        if (other !== store) await other.close()
      })

      it('never moves activity backwards under concurrent touches', async () => {
        const sid = id()
        const times = Array.from({ length: 200 }, (_, i) => 1_000 + ((i * 7919) % 1_000))
        const results = await Promise.all(
          times.map((at, i) => (i % 2 === 0 ? store : other).touch(sid, at, HOUR, 0)),
        )
        results.forEach((record, i) => {
          expect(record.lastActivity).toBeGreaterThanOrEqual(times[i] ?? Infinity)
        })
        const max = Math.max(...times)
        expect(await store.get(sid)).toEqual({ lastActivity: max })
        expect(await other.get(sid)).toEqual({ lastActivity: max })
      })

      it('marks revoked once across callers', async () => {
        const sid = id()
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 === 0 ? store : other).markRevoked(sid, 1 + i, HOUR),
          ),
        )
        expect(results.filter(Boolean)).toHaveLength(1)
      })

      it.runIf(options.shared)('keeps records for a new client', async () => {
        const sid = id()
        await other.touch(sid, 6_000, HOUR, 0)
        await other.markRevoked(sid, 6_500, HOUR)
        await other.close()
        const fresh = await fixture.create()
        try {
          expect(await fresh.get(sid)).toEqual({ lastActivity: 6_000, revokedAt: 6_500 })
        } finally {
          await fresh.close()
        }
        other = store
      })
    })
  })
}

type Operation =
  | { readonly kind: 'touch'; readonly at: number; readonly min: number }
  | { readonly kind: 'revoke'; readonly at: number }
  | { readonly kind: 'get' }
  | { readonly kind: 'delete' }

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('touch' as const),
      at: fc.integer({ min: 0, max: 1_000 }),
      min: fc.constantFrom(0, 1, 100, 500),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('revoke' as const),
      at: fc.integer({ min: 0, max: 1_000 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'get' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
)

function apply(store: SessionStore, sid: string, op: Operation): Promise<unknown> {
  switch (op.kind) {
    case 'touch':
      return store.touch(sid, op.at, HOUR, op.min)
    case 'revoke':
      return store.markRevoked(sid, op.at, HOUR)
    case 'get':
      return store.get(sid)
    case 'delete':
      return store.delete(sid)
  }
}

/** The contract as plain code: what every store must answer, one operation at a time. */
class ReferenceModel {
  private record: { last: number; revoked: number | undefined } | null = null

  apply(op: Operation): unknown {
    switch (op.kind) {
      case 'touch':
        if (this.record === null) this.record = { last: op.at, revoked: undefined }
        else if (op.at > this.record.last && op.at - this.record.last >= op.min)
          this.record.last = op.at
        return this.snapshot()
      case 'revoke':
        if (this.record === null) this.record = { last: 0, revoked: op.at }
        else if (this.record.revoked === undefined) this.record.revoked = op.at
        else return false
        return true
      case 'get':
        return this.snapshot()
      case 'delete':
        this.record = null
        return undefined
    }
  }

  private snapshot(): ActivityRecord | null {
    if (this.record === null) return null
    const { last, revoked } = this.record
    return revoked === undefined
      ? { lastActivity: last }
      : { lastActivity: last, revokedAt: revoked }
  }
}
