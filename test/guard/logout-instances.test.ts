// Logout reaches every instance sharing one store: two guards on one real Redis or PostgreSQL store,
// each with a verdict cached for 10 minutes. A logout on A must make B deny at its next activity
// check (one activityCheckInterval later), not when B's cache entry expires.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGuard } from '../../packages/guard/src/index.ts'
import type { GuardEvent, GuardOptions } from '../../packages/guard/src/index.ts'
import type { SessionStore } from '../../packages/guard/src/stores/types.ts'
import { startKratosDouble, type KratosDouble } from '../support/kratos-double/index.ts'
import { sharedStoreFactory } from '../support/stores/shared-stores.ts'

const INTERVAL = 1_000
const { sharedStores, close: closeStores } = sharedStoreFactory('logout')
let double: KratosDouble
let clock = Date.now()

beforeAll(async () => {
  double = await startKratosDouble()
})
afterAll(async () => {
  await double.close()
  await closeStores()
})

type Guard = ReturnType<typeof createGuard>

async function twoGuards(
  kind: 'redis' | 'postgres',
  options: Partial<GuardOptions> = {},
  idle = true,
  // What B's guard is given in place of its store (a wrapper that counts calls, say).
  storeOfB: (store: SessionStore) => SessionStore = (store) => store,
): Promise<{ a: Guard; b: Guard; events: GuardEvent[]; stores: SessionStore[] }> {
  const stores = await sharedStores(kind)
  const events: GuardEvent[] = []
  const [a, b] = [stores[0]!, storeOfB(stores[1]!)].map((store) =>
    createGuard({
      kratosUrl: double.publicUrl,
      kratosAdminUrl: double.adminUrl,
      cacheTtl: '10m',
      ...(idle ? { idleTimeout: '30m', activityCheckInterval: INTERVAL } : {}),
      now: () => clock,
      onEvent: (event) => events.push(event),
      store,
      ...options,
    }),
  )
  return { a: a!, b: b!, events, stores }
}

const identity = async (name: string): Promise<string> =>
  (
    await double.createIdentity({
      email: `${name}-${randomUUID()}@example.test`,
      password: 'a long passphrase 9',
    })
  ).id
const byCookie = (cookie: string) =>
  new Request('http://127.0.0.1/app', { headers: { cookie, accept: 'text/html' } })
const byToken = (token: string) =>
  new Request('http://127.0.0.1/app', { headers: { 'x-session-token': token } })
const nextCheck = () => {
  clock += INTERVAL + 1
}

describe.each(['redis', 'postgres'] as const)(
  'logout across two instances on one %s store',
  (kind) => {
    it('browser logout on A: B denies the cookie at its next check and clears it', async () => {
      clock = Date.now()
      const { a, b } = await twoGuards(kind)
      const session = await double.createSession(await identity('browser'))
      expect((await a(byCookie(session.cookie))).type).toBe('allow')
      expect((await b(byCookie(session.cookie))).type).toBe('allow')
      const out = await a.logoutBrowser(byCookie(session.cookie), { returnTo: '/bye' })
      expect(out).toMatchObject({ ok: true, status: 303 })
      nextCheck()
      const denied = await b(byCookie(session.cookie))
      // A browser is sent to log in again (303), with the cookie cleared.
      expect(denied).toMatchObject({ type: 'deny', status: 303, reason: 'revoked' })
      const cookies = denied.headers.filter(([n]) => n === 'set-cookie').map(([, v]) => v)
      expect(cookies.some((c) => /^ory_kratos_session=;.*Max-Age=0/.test(c))).toBe(true)
      // B denied from its cached verdict and the store's mark, not because Kratos said so.
      double.clearRequestLog()
      expect((await b(byCookie(session.cookie))).type).toBe('deny')
      expect(double.requestLog.filter((e) => e.path === '/sessions/whoami')).toHaveLength(0)
    })

    it('API logout on A: B denies the token at its next check', async () => {
      clock = Date.now()
      const { a, b } = await twoGuards(kind)
      const session = await double.createSession(await identity('api'))
      expect((await a(byToken(session.token))).type).toBe('allow')
      expect((await b(byToken(session.token))).type).toBe('allow')
      expect(await a.logoutApi(session.token)).toMatchObject({ ok: true, status: 204 })
      nextCheck()
      expect(await b(byToken(session.token))).toMatchObject({ type: 'deny', reason: 'revoked' })
    })

    it('B reads the mark once: later requests are denied without asking the store', async () => {
      clock = Date.now()
      let reads = 0
      const counting = (base: SessionStore): SessionStore => ({
        name: base.name,
        get: (id) => {
          reads += 1
          return base.get(id)
        },
        touch: (...args) => base.touch(...args),
        markRevoked: (...args) => base.markRevoked(...args),
        delete: (id) => base.delete(id),
        close: () => base.close(),
      })
      const { a, b } = await twoGuards(kind, {}, true, counting)
      const session = await double.createSession(await identity('remembered'))
      expect((await b(byToken(session.token))).type).toBe('allow')
      expect(await a.logoutApi(session.token)).toMatchObject({ ok: true, status: 204 })
      nextCheck()
      expect(await b(byToken(session.token))).toMatchObject({ type: 'deny', reason: 'revoked' })
      const afterMark = reads
      nextCheck()
      expect(await b(byToken(session.token))).toMatchObject({ type: 'deny', reason: 'revoked' })
      expect(reads).toBe(afterMark)
    })

    it('logout on an instance that never saw the credential still reaches the others', async () => {
      clock = Date.now()
      const { a, b } = await twoGuards(kind)
      const session = await double.createSession(await identity('unseen'))
      expect((await b(byToken(session.token))).type).toBe('allow')
      expect(await a.logoutApi(session.token)).toMatchObject({ ok: true, status: 204 })
      nextCheck()
      expect(await b(byToken(session.token))).toMatchObject({ type: 'deny', reason: 'revoked' })
    })

    it("everywhere on A: B denies a session only B cached; another identity's lives on", async () => {
      clock = Date.now()
      const { a, b, events, stores } = await twoGuards(kind)
      const target = await identity('everywhere')
      const onlyB = await double.createSession(target)
      const other = await double.createSession(await identity('bystander'))
      expect((await b(byToken(onlyB.token))).type).toBe('allow')
      expect((await b(byToken(other.token))).type).toBe('allow')
      expect(await a.logoutEverywhere(target)).toBe(true)
      expect(double.sessions().filter((s) => s.identityId === target)).toHaveLength(0)
      nextCheck()
      expect(await b(byToken(onlyB.token))).toMatchObject({ type: 'deny', reason: 'revoked' })
      expect((await b(byToken(other.token))).type).toBe('allow')
      expect((await stores[0]!.get(other.id))?.revokedAt).toBeUndefined()
      expect(events.filter((e) => e.type === 'error')).toEqual([])
    })

    it('everywhere follows Link rel="next" past the first page of 250', async () => {
      clock = Date.now()
      const { a, b } = await twoGuards(kind)
      const target = await identity('many')
      const sessions = []
      for (let i = 0; i < 252; i += 1) sessions.push(await double.createSession(target))
      const last = sessions.at(-1)!
      expect((await b(byToken(last.token))).type).toBe('allow')
      double.clearRequestLog()
      expect(await a.logoutEverywhere(target)).toBe(true)
      const listings = double.requestLog.filter(
        (e) => e.method === 'GET' && e.path === `/admin/identities/${target}/sessions`,
      )
      expect(listings.map((e) => e.status)).toEqual([200, 200])
      nextCheck()
      expect(await b(byToken(last.token))).toMatchObject({ type: 'deny', reason: 'revoked' })
    })
  },
)

describe('browser logout with a Bearer token beside the cookie', () => {
  it('marks only the session the logout flow ends, not the Bearer one', async () => {
    clock = Date.now()
    const { a, b, stores } = await twoGuards('redis')
    const session = await double.createSession(await identity('bearer'))
    // Shaped like a Kratos cookie but not one it issued: Kratos (and the guard) fall back to Bearer.
    const undecodable =
      'ory_kratos_session=MTcwMDAwMDAwMHxHd3dBR0RFeU16UTFOamM0T1RBeE1qTTBOVFkzT0Rrd3xhYmNk'
    const both = () =>
      new Request('http://127.0.0.1/app', {
        headers: { cookie: undecodable, authorization: `Bearer ${session.token}` },
      })
    expect((await a(both())).type).toBe('allow')
    expect((await b(byToken(session.token))).type).toBe('allow')
    // Kratos' flow sees no session for this cookie: there is nothing to log out.
    expect(await a.logoutBrowser(both())).toMatchObject({ ok: true, status: 204 })
    expect(double.sessions().find((s) => s.id === session.id)?.active).toBe(true)
    expect((await stores[0]!.get(session.id))?.revokedAt).toBeUndefined()
    nextCheck()
    expect((await b(byToken(session.token))).type).toBe('allow')
    expect((await a(both())).type).toBe('allow')
  })
})

describe('logout when the whoami before it fails', () => {
  it('says the session could not be marked revoked', async () => {
    clock = Date.now()
    const failingWhoami: typeof fetch = (input, init) =>
      new Request(input).url.includes('/sessions/whoami')
        ? Promise.resolve(new Response('', { status: 503 }))
        : fetch(input, init)
    const { a, events } = await twoGuards('redis', { fetch: failingWhoami })
    const session = await double.createSession(await identity('whoami-503'))
    expect(await a.logoutApi(session.token)).toMatchObject({ ok: true, status: 204 })
    expect(events).toContainEqual({
      type: 'error',
      where: 'logout',
      message: 'could not mark a session revoked',
    })
  })
})

describe('logoutEverywhere when the listing fails', () => {
  it('still revokes in Kratos, says so in an error event, and marks what it has cached', async () => {
    clock = Date.now()
    const failing: typeof fetch = (input, init) => {
      const url = new Request(input).url
      if ((init?.method ?? 'GET') === 'GET' && /\/admin\/identities\/[^/]+\/sessions/.test(url))
        return Promise.resolve(new Response('{}', { status: 500 }))
      return fetch(input, init)
    }
    const { a, b, events } = await twoGuards('redis', { fetch: failing })
    const target = await identity('unlisted')
    const cachedOnA = await double.createSession(target)
    const onlyB = await double.createSession(target)
    expect((await a(byToken(cachedOnA.token))).type).toBe('allow')
    expect((await b(byToken(cachedOnA.token))).type).toBe('allow')
    expect((await b(byToken(onlyB.token))).type).toBe('allow')
    expect(await a.logoutEverywhere(target)).toBe(true)
    expect(double.sessions().filter((s) => s.identityId === target)).toHaveLength(0)
    expect(events).toContainEqual({
      type: 'error',
      where: 'admin',
      message:
        "could not list the identity's sessions: other instances drop them only when their cache entries expire",
    })
    nextCheck()
    expect(await b(byToken(cachedOnA.token))).toMatchObject({ type: 'deny', reason: 'revoked' })
    // The documented limit: B keeps a session it alone cached until its entry expires.
    expect((await b(byToken(onlyB.token))).type).toBe('allow')
    clock += 10 * 60_000
    expect(await b(byToken(onlyB.token))).toMatchObject({ type: 'deny', reason: 'invalid-session' })
  })
})

describe('logoutEverywhere when the listing answers 404', () => {
  // Kratos never answers 404 on GET /admin/identities/{id}/sessions (an unknown identity lists as
  // 200 []), so a 404 comes from a wrong admin URL: nothing was listed, and the guard says so.
  it('reports a failed listing, not an empty one', async () => {
    clock = Date.now()
    const wrongUrl: typeof fetch = (input, init) => {
      const url = new Request(input).url
      if ((init?.method ?? 'GET') === 'GET' && /\/admin\/identities\/[^/]+\/sessions/.test(url))
        return Promise.resolve(new Response('404 page not found', { status: 404 }))
      return fetch(input, init)
    }
    const { a, events } = await twoGuards('redis', { fetch: wrongUrl })
    const target = await identity('listing-404')
    await double.createSession(target)
    expect(await a.logoutEverywhere(target)).toBe(true)
    expect(double.sessions().filter((s) => s.identityId === target)).toHaveLength(0)
    expect(events).toContainEqual({
      type: 'error',
      where: 'admin',
      message:
        "could not list the identity's sessions: other instances drop them only when their cache entries expire",
    })
  })

  it('an identity Kratos does not know lists as empty, without an error event', async () => {
    clock = Date.now()
    const { a, events } = await twoGuards('redis')
    await a.logoutEverywhere(randomUUID())
    expect(events.filter((e) => e.type === 'error')).toEqual([])
  })
})

describe('logoutEverywhere while it runs', () => {
  const isListing = (url: string, init?: RequestInit) =>
    (init?.method ?? 'GET') === 'GET' && /\/admin\/identities\/[^/]+\/sessions/.test(url)

  it('denies a session this instance cached from the start, while Kratos is still listing', async () => {
    clock = Date.now()
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let listingStarted = () => {}
    const started = new Promise<void>((resolve) => (listingStarted = resolve))
    const slowListing: typeof fetch = async (input, init) => {
      if (isListing(new Request(input).url, init)) {
        listingStarted()
        await held
      }
      return fetch(input, init)
    }
    const { a } = await twoGuards('redis', { fetch: slowListing })
    const target = await identity('during')
    const session = await double.createSession(target)
    expect((await a(byToken(session.token))).type).toBe('allow')
    const out = a.logoutEverywhere(target)
    await started
    // Kratos still calls the session active here: only the tombstone can deny it.
    expect(await a(byToken(session.token))).toMatchObject({ type: 'deny', reason: 'revoked' })
    release()
    expect(await out).toBe(true)
  })

  it('asks Kratos to delete the sessions before marking them in the store', async () => {
    clock = Date.now()
    const order: string[] = []
    const logged: typeof fetch = (input, init) => {
      const url = new Request(input).url
      if (isListing(url, init)) order.push('list')
      else if (init?.method === 'DELETE') order.push('delete')
      return fetch(input, init)
    }
    const [base] = await sharedStores('redis')
    const store: SessionStore = {
      name: base!.name,
      get: (id) => base!.get(id),
      touch: (...args) => base!.touch(...args),
      markRevoked: (...args) => {
        order.push('mark')
        return base!.markRevoked(...args)
      },
      delete: (id) => base!.delete(id),
      close: () => base!.close(),
    }
    const guard = createGuard({
      kratosUrl: double.publicUrl,
      kratosAdminUrl: double.adminUrl,
      fetch: logged,
      store,
      now: () => clock,
    })
    const target = await identity('order')
    const sessions = [await double.createSession(target), await double.createSession(target)]
    expect(await guard.logoutEverywhere(target)).toBe(true)
    expect(order).toEqual(['list', 'delete', 'mark', 'mark'])
    for (const s of sessions) expect((await base!.get(s.id))?.revokedAt).toBe(clock)
  })
})

describe('without idleTimeout', () => {
  it('other instances notice a logout only when their cache entry expires', async () => {
    clock = Date.now()
    const { a, b } = await twoGuards('redis', {}, false)
    const session = await double.createSession(await identity('no-idle'))
    expect((await b(byToken(session.token))).type).toBe('allow')
    expect(await a.logoutApi(session.token)).toMatchObject({ ok: true, status: 204 })
    clock += 10 * 60_000 - 1
    expect((await b(byToken(session.token))).type).toBe('allow')
    clock += 1
    expect(await b(byToken(session.token))).toMatchObject({
      type: 'deny',
      reason: 'invalid-session',
    })
  })
})

describe('walking the listing', () => {
  // Kratos-shaped answers the double does not give: v1.x built the next link from its own admin
  // base URL and the path of /admin/sessions, and ory/x sends rel="next" on an empty listing.
  const walk = async (page: (url: URL) => { ids: string[]; link?: string }) => {
    const requests: URL[] = []
    const events: GuardEvent[] = []
    const stub: typeof fetch = (input, init) => {
      const url = new URL(new Request(input).url)
      requests.push(url)
      if (init?.method === 'DELETE') return Promise.resolve(new Response(null, { status: 204 }))
      const { ids, link } = page(url)
      const body = ids.map((id) => ({ id, expires_at: new Date(clock + 3_600_000).toISOString() }))
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (link !== undefined) headers['link'] = link
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers }))
    }
    const [store] = await sharedStores('redis')
    const guard = createGuard({
      kratosUrl: 'http://kratos.invalid',
      kratosAdminUrl: 'http://admin.invalid/prefix',
      fetch: stub,
      store: store!,
      now: () => clock,
      onEvent: (event) => events.push(event),
    })
    const target = randomUUID()
    expect(await guard.logoutEverywhere(target)).toBe(true)
    return { requests, events, store: store!, target }
  }

  it("keeps its own path and host, takes only the link's query, stops at an empty page", async () => {
    clock = Date.now()
    const [one, two] = [randomUUID(), randomUUID()]
    const { requests, events, store, target } = await walk((url) =>
      url.searchParams.get('page') === null
        ? {
            ids: [one, two],
            link: '<https://public.example/admin/sessions?page=1&per_page=2>; rel="next", <https://public.example/admin/sessions?page=0&per_page=2>; rel="first"',
          }
        : { ids: [], link: '</admin/sessions?page=2&per_page=2>; rel="next"' },
    )
    const path = `/prefix/admin/identities/${target}/sessions`
    expect(requests.map((u) => `${u.host}${u.pathname}${u.search}`)).toEqual([
      `admin.invalid${path}?active=true`,
      `admin.invalid${path}?page=1&per_page=2&active=true`,
      `admin.invalid${path}`,
    ])
    expect(events.filter((e) => e.type === 'error')).toEqual([])
    for (const id of [one, two]) expect((await store.get(id))?.revokedAt).toBe(clock)
  })

  it('stops at 40 pages and says the listing was cut short', async () => {
    clock = Date.now()
    let n = 0
    const { requests, events } = await walk(() => ({
      ids: [randomUUID()],
      link: `</admin/identities/x/sessions?page_token=${++n}>; rel="next"`,
    }))
    expect(requests.filter((u) => u.pathname.endsWith('/sessions')).length).toBe(41)
    expect(events).toContainEqual({
      type: 'error',
      where: 'admin',
      message:
        "listed only the first 40 of the identity's sessions: other instances drop the rest only when their cache entries expire",
    })
  })
})
