// The synchronous entry (`guard.decide`) the adapters use on the hot path: a cache hit between two
// activity writes is decided without a promise, anything that needs I/O still returns one, and
// both entries give the same decisions. The client address is read only when IP binding needs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKratosDouble } from '../support/kratos-double/index.ts'
import type { KratosDouble } from '../support/kratos-double/index.ts'
import { createGuard } from '../../packages/guard/src/index.ts'
import type { GuardEvent, GuardOptions } from '../../packages/guard/src/index.ts'

let double: KratosDouble
let identityId: string
let clock = Date.now()

beforeAll(async () => {
  double = await startKratosDouble()
  identityId = (
    await double.createIdentity({ email: 'decide@example.com', password: 'a long passphrase 8' })
  ).id
})
afterAll(async () => {
  await double.close()
})

function guardWith(options: Partial<GuardOptions> = {}, events: GuardEvent[] = []) {
  return createGuard({
    kratosUrl: double.publicUrl,
    kratosAdminUrl: double.adminUrl,
    now: () => clock,
    onEvent: (event) => events.push(event),
    ...options,
  })
}
const get = (headers: Record<string, string>) => new Request('http://127.0.0.1/app', { headers })

describe('guard.decide', () => {
  it('answers a cache hit synchronously and a miss with a promise', async () => {
    clock = Date.now()
    const events: GuardEvent[] = []
    const guard = guardWith({}, events)
    const session = await double.createSession(identityId)
    const request = get({ 'x-session-token': session.token })
    const miss = guard.decide(request)
    expect(miss).toBeInstanceOf(Promise)
    expect(await miss).toMatchObject({ type: 'allow', session: { id: session.id } })
    const hit = guard.decide(request)
    expect(hit).not.toBeInstanceOf(Promise)
    expect(hit).toMatchObject({ type: 'allow', session: { id: session.id }, headers: [] })
    expect(events.filter((e) => e.type === 'cache-hit')).toHaveLength(1)
    expect(events.filter((e) => e.type === 'cache-miss')).toHaveLength(1)
    // Once the cache TTL has passed, the verdict needs Kratos again: a promise.
    clock += 31_000
    expect(guard.decide(request)).toBeInstanceOf(Promise)
  })

  it('denies synchronously what needs no I/O, with the same decision as the async entry', async () => {
    clock = Date.now()
    const guard = guardWith()
    const missing = guard.decide(get({}))
    expect(missing).not.toBeInstanceOf(Promise)
    expect(missing).toEqual(await guard(get({})))
    expect(missing).toMatchObject({ type: 'deny', status: 401, reason: 'missing-credential' })
    const session = await double.createSession(identityId)
    const request = get({ 'x-session-token': session.token })
    await guard(request)
    // AAL shortfall and a too-old login are decided from the cached verdict, then evict it.
    const stepUp = guard.decide(request, { requiredAal: 'aal2' })
    expect(stepUp).toMatchObject({ type: 'deny', status: 403, reason: 'aal-required' })
    expect(guard.decide(request)).toBeInstanceOf(Promise)
  })

  it('returns a promise when the idle store is due a write, then hits synchronously', async () => {
    clock = Date.now()
    const guard = guardWith({ idleTimeout: '10m', activityCheckInterval: '1m' })
    const session = await double.createSession(identityId)
    const request = get({ 'x-session-token': session.token })
    expect((await guard.decide(request)).type).toBe('allow')
    expect(guard.decide(request)).toMatchObject({ type: 'allow' })
    clock += 20_000
    expect(guard.decide(request)).toMatchObject({ type: 'allow' })
    // One activity interval later the store is touched (I/O): a promise, then sync hits again.
    clock += 41_000
    const due = guard.decide(request)
    expect(due).toBeInstanceOf(Promise)
    expect((await due).type).toBe('allow')
    expect(guard.decide(request)).toMatchObject({ type: 'allow' })
    // Idle past the timeout: the store sync ends the session (a promise: it revokes upstream).
    clock += 11 * 60_000
    const idle = guard.decide(request)
    expect(idle).toBeInstanceOf(Promise)
    expect(await idle).toMatchObject({ type: 'deny', reason: 'idle-timeout' })
  })

  it('reads a lazy client address only when IP binding is on', async () => {
    clock = Date.now()
    const session = await double.createSession(identityId)
    const request = () => get({ cookie: session.cookie })
    let reads = 0
    const clientIp = () => {
      reads++
      return '10.1.2.3'
    }
    const unbound = guardWith()
    await unbound(request(), undefined, clientIp)
    await unbound(request(), undefined, clientIp)
    expect(reads).toBe(0)
    const events: GuardEvent[] = []
    const bound = guardWith({ binding: { ipPrefix: true, action: 'log' } }, events)
    expect((await bound(request(), undefined, clientIp)).type).toBe('allow')
    expect(reads).toBe(1)
    expect(events).toContainEqual({
      type: 'binding-mismatch',
      sessionId: session.id,
      trait: 'ip',
      action: 'log',
    })
    // Same prefix as the address Kratos recorded (the double sees 127.0.0.1): no mismatch.
    const quiet: GuardEvent[] = []
    const near = guardWith({ binding: { ipPrefix: true, action: 'log' } }, quiet)
    expect((await near(request(), undefined, () => '127.0.0.9')).type).toBe('allow')
    expect(quiet.some((e) => e.type === 'binding-mismatch')).toBe(false)
  })

  it('rejects, never throws, from the async entry when a listener throws', async () => {
    clock = Date.now()
    const guard = guardWith({
      onEvent: () => {
        throw new Error('listener failed')
      },
    })
    const pending = guard(get({}))
    expect(pending).toBeInstanceOf(Promise)
    await expect(pending).rejects.toThrow('listener failed')
  })
})
