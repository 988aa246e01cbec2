// Adapter specifics beyond the shared behaviour suite: Express logout route, Next.js header
// hygiene and skip paths, Fastify public routes, Hono handler errors. Against the Kratos double.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { NextRequest } from 'next/server.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKratosDouble } from '../support/kratos-double/index.ts'
import type { KratosDouble } from '../support/kratos-double/index.ts'
import { createGuard } from '../../packages/guard/src/index.ts'
import type { Guard } from '../../packages/guard/src/index.ts'
import { expressGuard, expressLogout } from '../../packages/guard/src/adapters/express.ts'
import { fastifyGuard } from '../../packages/guard/src/adapters/fastify.ts'
import { honoGuard } from '../../packages/guard/src/adapters/hono.ts'
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
  // behind an `async (c, next) => { await next() }` middleware.
  const app = (): { hono: Hono; errors: string[] } => {
    const errors: string[] = []
    const hono = new Hono()
    hono.onError((error, c) => {
      errors.push(error.message)
      return c.text('failed', 500)
    })
    hono.get('/throws', honoGuard(guard), () => {
      throw new Error('handler failed')
    })
    // A handler that returns no Response: Hono's own 'Context is not finalized' error.
    hono.get('/silent', honoGuard(guard), (() => undefined) as unknown as () => Response)
    return { hono, errors }
  }

  it("hands a throwing handler's error to app.onError, on a miss and on a hit", async () => {
    const { hono, errors } = app()
    const session = await double.createSession(identityId)
    for (let i = 0; i < 2; i++) {
      const answer = await hono.request('/throws', { headers: { cookie: session.cookie } })
      expect(answer.status).toBe(500)
    }
    expect(errors).toEqual(['handler failed', 'handler failed'])
  })

  it('leaves a handler that returns no response to Hono, on a miss and on a hit', async () => {
    const { hono, errors } = app()
    const session = await double.createSession(identityId)
    for (let i = 0; i < 2; i++) {
      const answer = await hono.request('/silent', { headers: { cookie: session.cookie } })
      expect(answer).toBeInstanceOf(Response)
      expect(answer.status).toBe(500)
    }
    expect(errors).toHaveLength(2)
    for (const message of errors) expect(message).toMatch(/not finalized/)
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
