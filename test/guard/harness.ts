// Runs the same app behind each adapter (and each Hono form), so one behaviour suite drives them all.
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import type { Context } from 'hono'
import { NextRequest } from 'next/server.js'
import { NextRequest as NextRequest15 } from 'next-15/server.js'
import { expressGuard } from '../../packages/guard/src/adapters/express.ts'
import { fastifyGuard } from '../../packages/guard/src/adapters/fastify.ts'
import { honoGuard, honoGuarded } from '../../packages/guard/src/adapters/hono.ts'
import type { GuardVariables } from '../../packages/guard/src/adapters/hono.ts'
import { nextGuard } from '../../packages/guard/src/adapters/next.ts'
import type { Guard } from '../../packages/guard/src/core/guard.ts'
import type { RouteOptions } from '../../packages/guard/src/core/types.ts'

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly body: string
}

export interface Harness {
  request(path: string, headers?: Record<string, string>): Promise<Answer>
  close(): Promise<void>
}

export type AdapterName = 'express' | 'fastify' | 'hono' | 'hono-handler' | 'next16' | 'next15'

/** Routes of the app under test: `/app` default policy, `/mfa` needs AAL2, `/fresh` a recent login. */
export const ROUTES: Readonly<Record<string, RouteOptions>> = {
  '/mfa': { requiredAal: 'aal2' },
  '/fresh': { maxAuthAge: '5m' },
}

/** The app's own cookie: the guard's Set-Cookie must be added next to it, not replace it. */
export const APP_COOKIE = 'app=1; Path=/'

export async function startAdapter(name: AdapterName, guard: Guard): Promise<Harness> {
  switch (name) {
    case 'express':
      return startExpress(guard)
    case 'fastify':
      return startFastify(guard)
    case 'hono':
      return startHono(guard, 'middleware')
    case 'hono-handler':
      return startHono(guard, 'handler')
    case 'next16':
      return startNext(guard, (url, init) => new NextRequest(url, init))
    case 'next15':
      return startNext(guard, (url, init) => new NextRequest15(url, init))
  }
}

async function overHttp(server: Server): Promise<Harness> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    request: (path, headers = {}) =>
      answer(fetch(`${base}${path}`, { headers, redirect: 'manual' })),
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve()
        }),
      ),
  }
}

async function answer(pending: Promise<Response> | Response): Promise<Answer> {
  const response = await pending
  return { status: response.status, headers: response.headers, body: await response.text() }
}

function startExpress(guard: Guard): Promise<Harness> {
  const app = express()
  for (const path of ['/app', '/mfa', '/fresh']) {
    app.get(path, expressGuard(guard, ROUTES[path]), (req, res) => {
      res.append('set-cookie', APP_COOKIE).json({ session: req.kratosSession?.id })
    })
  }
  return overHttp(createServer(app))
}

async function startFastify(guard: Guard): Promise<Harness> {
  const app = Fastify()
  await app.register(fastifyGuard, { guard })
  for (const path of ['/app', '/mfa', '/fresh']) {
    const kratosGuard = ROUTES[path] ?? {}
    app.get(path, { config: { kratosGuard } }, (request, reply) => {
      void reply.header('set-cookie', APP_COOKIE)
      return { session: request.kratosSession?.id }
    })
  }
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  return {
    request: (path, headers = {}) =>
      answer(fetch(`${base}${path}`, { headers, redirect: 'manual' })),
    close: () => app.close(),
  }
}

/** Hono with the guard as a middleware in front of the handler, or wrapping it (one handler). */
function startHono(guard: Guard, form: 'middleware' | 'handler'): Promise<Harness> {
  const app = new Hono()
  for (const path of ['/app', '/mfa', '/fresh']) {
    const handler = (c: Context<{ Variables: GuardVariables }>): Response => {
      c.header('set-cookie', APP_COOKIE)
      return c.json({ session: c.get('kratosSession').id })
    }
    if (form === 'middleware') app.get(path, honoGuard(guard, ROUTES[path]), handler)
    else app.get(path, honoGuarded(guard, handler, ROUTES[path]))
  }
  return Promise.resolve({
    request: (path, headers = {}) =>
      answer(app.fetch(new Request(`http://127.0.0.1${path}`, { headers }))),
    close: () => Promise.resolve(),
  })
}

/**
 * Next.js runs the proxy before the route: `x-middleware-next` lets the request through, with the
 * guard's request headers passed as `x-middleware-request-*`; the "route" here echoes them.
 */
function startNext(
  guard: Guard,
  make: (url: string, init: { headers: Record<string, string> }) => NextRequest,
): Promise<Harness> {
  const proxy = nextGuard(guard, { route: (request) => ROUTES[request.nextUrl.pathname] })
  return Promise.resolve({
    request: async (path, headers = {}) => {
      const response = await proxy(make(`http://127.0.0.1${path}`, { headers }))
      if (response.headers.get('x-middleware-next') !== '1') return answer(response)
      const session = response.headers.get('x-middleware-request-x-kratos-session-id')
      return { status: 200, headers: response.headers, body: JSON.stringify({ session }) }
    },
    close: () => Promise.resolve(),
  })
}
