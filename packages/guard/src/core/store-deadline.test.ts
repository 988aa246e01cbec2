import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ActivityRecord, SessionStore } from '../stores/types.ts'
import { withStoreDeadline } from './store-deadline.ts'

const HOUR = 3_600_000

/** A store whose calls settle only when the test says so; `settle` answers every pending call. */
function controlledStore(): SessionStore & {
  readonly calls: string[]
  settle(outcome: { value: unknown } | { error: Error }): void
} {
  const calls: string[] = []
  const waiting: { resolve: (value: unknown) => void; reject: (error: Error) => void }[] = []
  const pending = <T>(method: string): Promise<T> => {
    calls.push(method)
    return new Promise<T>((resolve, reject) => {
      waiting.push({ resolve: resolve as (value: unknown) => void, reject })
    })
  }
  return {
    name: 'stuck',
    calls,
    get: () => pending<ActivityRecord | null>('get'),
    touch: () => pending<ActivityRecord>('touch'),
    markRevoked: () => pending<boolean>('markRevoked'),
    delete: () => pending<undefined>('delete'),
    close: () => pending<undefined>('close'),
    settle(outcome) {
      for (const call of waiting.splice(0)) {
        if ('error' in outcome) call.reject(outcome.error)
        else call.resolve(outcome.value)
      }
    },
  }
}

describe('withStoreDeadline', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('rejects each call that outlives the deadline, naming the store, the call and the bound', async () => {
    vi.useFakeTimers()
    const inner = controlledStore()
    const store = withStoreDeadline(inner, 250)
    const outcomes = [
      store.get('session-a'),
      store.touch('session-a', 1_000, HOUR, 0),
      store.markRevoked('session-a', 1_000, HOUR),
      store.delete('session-a'),
    ].map((call) =>
      call.then(
        () => 'resolved',
        (error: unknown) => (error as Error).message,
      ),
    )
    await vi.advanceTimersByTimeAsync(249)
    expect(vi.getTimerCount()).toBe(4)
    await vi.advanceTimersByTimeAsync(1)
    expect(await Promise.all(outcomes)).toEqual([
      "store 'stuck' did not answer get within 250 ms",
      "store 'stuck' did not answer touch within 250 ms",
      "store 'stuck' did not answer markRevoked within 250 ms",
      "store 'stuck' did not answer delete within 250 ms",
    ])
    expect(inner.calls).toEqual(['get', 'touch', 'markRevoked', 'delete'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('passes answers and errors through and clears the timer when the call settles', async () => {
    vi.useFakeTimers()
    const inner = controlledStore()
    const store = withStoreDeadline(inner, 1_000)
    const read = store.get('s')
    expect(vi.getTimerCount()).toBe(1)
    inner.settle({ value: { lastActivity: 5 } })
    expect(await read).toEqual({ lastActivity: 5 })
    expect(vi.getTimerCount()).toBe(0)
    const own = new Error('connection reset')
    const write = store.touch('s', 6, HOUR, 0)
    inner.settle({ error: own })
    await expect(write).rejects.toBe(own)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('turns a store that throws synchronously into a rejection', async () => {
    const thrown = new Error('bad argument')
    const store = withStoreDeadline(
      {
        ...controlledStore(),
        get: () => {
          throw thrown
        },
      },
      1_000,
    )
    await expect(store.get('s')).rejects.toBe(thrown)
  })

  it('drops a late answer or a late error without an unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason)
    }
    process.on('unhandledRejection', onUnhandled)
    try {
      const inner = controlledStore()
      const store = withStoreDeadline(inner, 20)
      const read = store.get('s')
      const write = store.markRevoked('s', 1, HOUR)
      await expect(read).rejects.toThrow(/within 20 ms/)
      await expect(write).rejects.toThrow(/within 20 ms/)
      inner.settle({ error: new Error('late failure') })
      const again = store.get('s')
      await expect(again).rejects.toThrow(/within 20 ms/)
      inner.settle({ value: null })
      // Unhandled rejections are reported after a macrotask; give them two.
      await new Promise((resolve) => setTimeout(resolve, 20))
      await new Promise((resolve) => setImmediate(resolve))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('unrefs its timer, so a stalled store cannot keep the process alive', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout')
    try {
      const store = withStoreDeadline(controlledStore(), 60_000)
      void store.get('s').catch(() => undefined)
      const timer = spy.mock.results[0]?.value as NodeJS.Timeout
      expect(timer.hasRef()).toBe(false)
      clearTimeout(timer)
    } finally {
      spy.mockRestore()
    }
  })

  it('leaves close without a deadline and keeps the name', async () => {
    vi.useFakeTimers()
    const inner = controlledStore()
    const store = withStoreDeadline(inner, 10)
    expect(store.name).toBe('stuck')
    const closing = store.close()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(1_000)
    inner.settle({ value: undefined })
    await expect(closing).resolves.toBeUndefined()
  })
})
