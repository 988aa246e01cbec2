// Adapter specifics beyond the shared behaviour suite: Express logout route, Next.js header
// hygiene and skip paths, Fastify public routes, Hono handler errors and fetched responses (both
// forms) and the wrapper's synchronous hit. Against the Kratos double.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import type { Handler } from 'hono'
import { NextRequest } from 'next/server.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKratosDouble } from '../support/kratos-double/index.ts'
import type { KratosDouble } from '../support/kratos-double/index.ts'
import { createGuard } from '../../packages/guard/src/index.ts'
import type { Guard } from '../../packages/guard/src/index.ts'
import { expressGuard, expressLogout } from '../../packages/guard/src/adapters/express.ts'
import { fastifyGuard } from '../../packages/guard/src/adapters/fastify.ts'
import { honoGuard, honoGuarded } from '../../packages/guard/src/adapters/hono.ts'
import {
  IDENTITY_ID_HEADER,
  SESSION_ID_HEADER,
  nextGuard,
} from '../../packages/guard/src/adapters/next.ts'

let double: KratosDouble
let identityId: string
let guard: Guard

beforeAll(async () => {
  double = await startKratosDouble()
  identityId = (
    await double.createIdentity({ email: 'adapters@example.com', password: 'a long passphrase 4' })
  ).id
  guard = createGuard({ kratosUrl: double.publicUrl, kratosAdminUrl: double.adminUrl })
})
afterAll(() => double.close())

describe('express', () => {
  it('logs a browser out through Kratos and clears the cookie', async () => {
    const app = express()
    app.get('/app', expressGuard(guard), (_req, res) => res.send('in'))
    app.post('/logout', expressLogout(guard, { returnTo: '/bye' }))
    const server = createServer(app)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const session = await double.createSession(identityId)
      expect((await fetch(`${base}/app`, { headers: { cookie: session.cookie } })).status).toBe(200)
      const out = await fetch(`${base}/logout`, {
        method: 'POST',
        headers: { cookie: session.cookie },
        redirect: 'manual',
      })
      expect(out.status).toBe(303)
      expect(out.headers.get('location')).toBe('/bye')
      expect(
        out.headers.getSetCookie().some((c) => /^ory_kratos_session=;.*Max-Age=0/.test(c)),
      ).toBe(true)
      expect(double.sessions().find((s) => s.id === session.id)?.active).toBe(false)
      expect((await fetch(`${base}/app`, { headers: { cookie: session.cookie } })).status).toBe(401)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('fastify', () => {
  it('leaves routes with config.kratosGuard = false public and decorates the instance', async () => {
    const app = Fastify()
    await app.register(fastifyGuard, { guard })
    app.get('/health', { config: { kratosGuard: false } }, (request) => ({
      session: request.kratosSession,
    }))
    app.get('/app', () => 'in')
    expect(app.kratosGuard).toBe(guard)
    const health = await app.inject({ url: '/health' })
    expect(health.json()).toEqual({ session: null })
    expect((await app.inject({ url: '/app' })).statusCode).toBe(401)
    await app.close()
  })
})

describe('hono', () => {
  // The middleware hands Hono next()'s promise; the app's error handling must see what it would
  // behind an `async (c, next) => { await next() }` middleware. The handler wrapper must answer
  // what Hono answers for the bare handler (its single-handler dispatch).
  type Form = 'middleware' | 'handler'
  const route = (hono: Hono, form: Form, path: string, handler: Handler): void => {
    if (form === 'middleware') hono.get(path, honoGuard(guard), handler)
    else hono.get(path, honoGuarded(guard, handler))
  }
  const throws: Handler = () => {
    throw new Error('handler failed')
  }
  // A handler that returns no Response: behind a middleware, Hono's 'Context is not finalized'.
  const silent = (() => undefined) as unknown as Handler
  const app = (form: Form): { hono: Hono; errors: string[] } => {
    const errors: string[] = []
    const hono = new Hono()
    hono.onError((error, c) => {
      errors.push(error.message)
      return c.text('failed', 500)
    })
    route(hono, form, '/throws', throws)
    route(hono, form, '/silent', silent)
    return { hono, errors }
  }
  /** A session whose first whoami answers with a Set-Cookie (an admin extend, FACTS.md §5.4). */
  const extended = async (): Promise<{ cookie: string }> => {
    const session = await double.createSession(identityId, {
      expiresAt: new Date(Date.now() + 3_600_000),
    })
    const extend = await fetch(`${double.adminUrl}/admin/sessions/${session.id}/extend`, {
      method: 'PATCH',
    })
    expect(extend.ok).toBe(true)
    return session
  }
  const kratosCookie = (answer: Response): boolean =>
    answer.headers.getSetCookie().some((c) => /^ory_kratos_session=[^;]+;/.test(c))

  describe.each<Form>(['middleware', 'handler'])('as %s', (form) => {
    it("hands a throwing handler's error to app.onError, on a miss and on a hit", async () => {
      const { hono, errors } = app(form)
      const session = await double.createSession(identityId)
      for (let i = 0; i < 2; i++) {
        const answer = await hono.request('/throws', { headers: { cookie: session.cookie } })
        expect(answer.status).toBe(500)
      }
      expect(errors).toEqual(['handler failed', 'handler failed'])
    })

    it("keeps whoami's Set-Cookie on app.onError's answer", async () => {
      const { hono } = app(form)
      const answer = await hono.request('/throws', {
        headers: { cookie: (await extended()).cookie },
      })
      expect(answer.status).toBe(500)
      expect(kratosCookie(answer)).toBe(true)
    })

    it('appends Set-Cookie to a Response with immutable headers (from fetch)', async () => {
      const upstream = createServer((_req, res) => {
        res.setHeader('set-cookie', 'upstream=1; Path=/')
        res.end('proxied')
      })
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
      const port = (upstream.address() as AddressInfo).port
      try {
        const hono = new Hono()
        route(hono, form, '/proxy', () => fetch(`http://127.0.0.1:${port}/`))
        const answer = await hono.request('/proxy', {
          headers: { cookie: (await extended()).cookie },
        })
        expect(answer.status).toBe(200)
        expect(await answer.text()).toBe('proxied')
        expect(answer.headers.getSetCookie()).toContain('upstream=1; Path=/')
        expect(kratosCookie(answer)).toBe(true)
      } finally {
        await new Promise((resolve) => upstream.close(resolve))
      }
    })
  })

  it('leaves a handler that returns no response to Hono, on a miss and on a hit', async () => {
    const { hono, errors } = app('middleware')
    const session = await double.createSession(identityId)
    for (let i = 0; i < 2; i++) {
      const answer = await hono.request('/silent', { headers: { cookie: session.cookie } })
      expect(answer).toBeInstanceOf(Response)
      expect(answer.status).toBe(500)
    }
    expect(errors).toHaveLength(2)
    for (const message of errors) expect(message).toMatch(/not finalized/)
  })

  it("wrapped, a handler that returns no response gets Hono's own answer for it", async () => {
    const bare = new Hono().get('/silent', silent)
    const expected = await bare.request('/silent')
    const { hono, errors } = app('handler')
    const session = await double.createSession(identityId)
    // A miss, a hit, then a miss whose whoami sent a Set-Cookie, which Hono's answer carries.
    const cookies = [session.cookie, session.cookie, (await extended()).cookie]
    for (const [i, cookie] of cookies.entries()) {
      const answer = await hono.request('/silent', { headers: { cookie } })
      expect([answer.status, await answer.text()]).toEqual([
        expected.status,
        await expected.clone().text(),
      ])
      expect(kratosCookie(answer)).toBe(i === 2)
    }
    expect(errors).toEqual([])
  })

  it('wrapped, a cache hit of a synchronous handler is answered without a promise', async () => {
    const hono = new Hono().get(
      '/me',
      honoGuarded(guard, (c) => c.text(c.get('kratosSession').id)),
    )
    const session = await double.createSession(identityId)
    const request = (): Response | Promise<Response> =>
      hono.fetch(new Request('http://127.0.0.1/me', { headers: { cookie: session.cookie } }))
    const miss = request()
    expect(miss).toBeInstanceOf(Promise)
    expect(await (await miss).text()).toBe(session.id)
    const hit = request()
    expect(hit).toBeInstanceOf(Response)
    expect(await (hit as Response).text()).toBe(session.id)
    const denied = hono.fetch(new Request('http://127.0.0.1/me'))
    expect(denied).toBeInstanceOf(Response)
    expect((denied as Response).status).toBe(401)
  })
})

describe('next', () => {
  it("replaces a client's own session headers and passes the guard's", async () => {
    const proxy = nextGuard(guard, { skip: (r) => r.nextUrl.pathname.startsWith('/public') })
    const spoofed = { [SESSION_ID_HEADER]: 'forged', [IDENTITY_ID_HEADER]: 'forged' }
    const skipped = await proxy(new NextRequest('http://127.0.0.1/public/x', { headers: spoofed }))
    expect(skipped.headers.get('x-middleware-next')).toBe('1')
    expect(skipped.headers.get(`x-middleware-request-${SESSION_ID_HEADER}`)).toBeNull()
    expect(skipped.headers.get('x-middleware-override-headers')).not.toContain(SESSION_ID_HEADER)
    const session = await double.createSession(identityId)
    const allowed = await proxy(
      new NextRequest('http://127.0.0.1/app', { headers: { ...spoofed, cookie: session.cookie } }),
    )
    expect(allowed.headers.get(`x-middleware-request-${SESSION_ID_HEADER}`)).toBe(session.id)
    expect(allowed.headers.get(`x-middleware-request-${IDENTITY_ID_HEADER}`)).toBe(identityId)
    const denied = await proxy(new NextRequest('http://127.0.0.1/app', { headers: spoofed }))
    expect(denied.status).toBe(401)
    expect(denied.headers.get('x-middleware-next')).toBeNull()
    expect(await denied.json()).toMatchObject({ error: { status: 'missing-credential' } })
  })
})
