// Two instances sharing one store must not lose activity beyond one activityCheckInterval: an
// instance whose write the store throttled (another instance wrote just before) syncs again one
// interval after that write, not one interval after its own attempt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGuard } from '../../packages/guard/src/index.ts'
import { createMemoryStore } from '../../packages/guard/src/stores/memory.ts'
import { startKratosDouble, type KratosDouble } from '../support/kratos-double/index.ts'

let kratos: KratosDouble
beforeAll(async () => {
  kratos = await startKratosDouble()
})
afterAll(() => kratos.close())

describe('idle timeout across two instances', () => {
  it('keeps a session alive on activity the other instance saw within the last interval', async () => {
    const { id } = await kratos.createIdentity({
      email: 'idle@example.test',
      password: 'a-long-password-1',
    })
    const session = await kratos.createSession(id)
    const store = createMemoryStore()
    let clock = Date.now()
    const options = {
      kratosUrl: kratos.publicUrl,
      kratosAdminUrl: kratos.adminUrl,
      store,
      idleTimeout: 2000,
      activityCheckInterval: 200,
      cacheTtl: 60_000,
      now: () => clock,
    }
    const a = createGuard(options)
    const b = createGuard(options)
    const request = () =>
      new Request('http://app.test/', { headers: { 'x-session-token': session.token } })
    const start = clock
    const at = async (guard: typeof a, offset: number) => {
      clock = start + offset
      return (await guard(request())).type
    }
    expect(await at(a, 0)).toBe('allow')
    expect(await at(b, 199)).toBe('allow')
    expect(await at(b, 398)).toBe('allow')
    // 1702 ms after the last allowed request: within the 2 s idle timeout.
    expect(await at(a, 2100)).toBe('allow')
    expect((await store.get(session.id))?.lastActivity).toBeGreaterThanOrEqual(start + 398)
  })
})
