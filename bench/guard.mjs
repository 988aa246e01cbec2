// Guard throughput and added cost against what users would run instead, per framework: the bare
// framework, one whoami per request written as Ory's examples write it (@ory/client-fetch
// FrontendApi.toSession in a middleware, fetch's keep-alive), and express-session +
// connect-redis with an idle timeout. Every row also records the CPU the app process and the
// Kratos double spent per request, which bounds the ratios on a machine they share.
import { createServer } from 'node:http'
import { Configuration, FrontendApi } from '@ory/client-fetch'
import express from 'express'
import session from 'express-session'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { getRequestListener } from '@hono/node-server'
import { RedisStore } from 'connect-redis'
import { createClient } from 'redis'
import { createGuard } from '../packages/guard/dist/index.js'
import { expressGuard } from '../packages/guard/dist/adapters/express.js'
import { fastifyGuard } from '../packages/guard/dist/adapters/fastify.js'
import { honoGuard, honoGuarded } from '../packages/guard/dist/adapters/hono.js'
import { cpuOf, listen, load, loginApi, ratio, startDouble } from './lib.mjs'

// The bench identity on the double; guard-parts.mjs measures the same guard through guardOnDouble.
const EMAIL = 'bench@example.test'
const PASSWORD = 'bench-password-123'

/** The double (with `args`), an API session token of the bench identity, and a guard over it. */
export const guardOnDouble = async (args = []) => {
  const kratos = await startDouble([...args, '--identity', `${EMAIL}:${PASSWORD}`])
  try {
    const token = await loginApi(kratos.publicUrl, EMAIL, PASSWORD)
    const guard = createGuard({
      kratosUrl: kratos.publicUrl,
      kratosAdminUrl: kratos.adminUrl,
      idleTimeout: '30m',
    })
    return { kratos, token, guard }
  } catch (error) {
    await kratos.stop()
    throw error
  }
}

const latencyMs = Number(process.env.BENCH_KRATOS_LATENCY_MS ?? 5)
const seconds = Number(process.env.BENCH_SECONDS ?? 4)
// Little's law: a closed-loop client with C connections against a 5 ms whoami can never exceed
// C / 5 ms (32 connections: 6,400 requests/s). 128 lifts that ceiling to 25,600 requests/s, above
// what the baseline reaches on CPU here, so the comparison measures work, not the client's limit.
const connections = Number(process.env.BENCH_CONNECTIONS ?? 128)

// Ory's examples (docs "check-session"): one FrontendApi, toSession per request, 401 → logged out.
const oryClient = (publicUrl) => new FrontendApi(new Configuration({ basePath: publicUrl }))

const expressApps = (ory, guard) => {
  const bare = express().get('/', (_req, res) => res.send('ok'))
  const guarded = express()
    .use(expressGuard(guard))
    .get('/', (_req, res) => res.send('ok'))
  const perRequest = express()
    .use(async (req, res, next) => {
      try {
        req.session = await ory.toSession({ xSessionToken: req.header('x-session-token') })
        next()
      } catch {
        res.status(401).end()
      }
    })
    .get('/', (_req, res) => res.send('ok'))
  return { bare, guarded, perRequest }
}

const fastifyApps = async (ory, guard) => {
  const bare = Fastify()
  bare.get('/', () => 'ok')
  const guarded = Fastify()
  await guarded.register(fastifyGuard, { guard })
  guarded.get('/', () => 'ok')
  const perRequest = Fastify()
  perRequest.decorateRequest('session', null)
  perRequest.addHook('onRequest', async (request, reply) => {
    try {
      const token = request.headers['x-session-token']
      request.session = await ory.toSession({ xSessionToken: String(token) })
    } catch {
      return reply.code(401).send()
    }
  })
  perRequest.get('/', () => 'ok')
  return { bare, guarded, perRequest }
}

const honoApps = (ory, guard) => {
  const bare = new Hono().get('/', (c) => c.text('ok'))
  const guarded = new Hono().use('*', honoGuard(guard)).get('/', (c) => c.text('ok'))
  // The same route with the guard wrapping its handler: one handler, Hono's single-handler path.
  const wrapped = new Hono().get(
    '/',
    honoGuarded(guard, (c) => c.text('ok')),
  )
  const perRequest = new Hono()
    .use('*', async (c, next) => {
      try {
        c.set('session', await ory.toSession({ xSessionToken: c.req.header('x-session-token') }))
      } catch {
        return c.body(null, 401)
      }
      await next()
    })
    .get('/', (c) => c.text('ok'))
  return {
    bare: getRequestListener(bare.fetch),
    guarded: getRequestListener(guarded.fetch),
    wrapped: getRequestListener(wrapped.fetch),
    perRequest: getRequestListener(perRequest.fetch),
  }
}

/** express-session + connect-redis, rolling cookie = an idle timeout, as users build it today. */
const expressSessionApp = async () => {
  const client = createClient({ url: 'redis://127.0.0.1:6379' })
  await client.connect()
  const app = express()
  app.use(
    session({
      store: new RedisStore({ client, prefix: `aegis-bench:${process.pid}:` }),
      secret: 'bench-only-secret-not-used-elsewhere',
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { maxAge: 30 * 60 * 1000 },
    }),
  )
  app.get('/login', (req, res) => {
    req.session.user = 'bench'
    res.send('ok')
  })
  app.get('/', (req, res) => (req.session.user ? res.send('ok') : res.status(401).end()))
  // In-flight requests may still touch the store after the load stops: let them finish first.
  return { app, close: () => new Promise((r) => setTimeout(r, 500)).then(() => client.quit()) }
}

/**
 * CPU per guard call on a cache hit, in-process: hash, lookup, policy. `async` is the callable
 * guard over a Web `Headers`; `decide` is what the Express and Fastify adapters run (the
 * synchronous entry over a Node-style header record, one small view object per call).
 */
const cpuPerHit = async (guard, token) => {
  const n = 100_000
  const time = async (call) => {
    for (let i = 0; i < 5_000; i++) await call()
    const start = process.cpuUsage()
    for (let i = 0; i < n; i++) await call()
    const used = process.cpuUsage(start)
    return (used.user + used.system) / n
  }
  const request = { url: 'http://app.local/', headers: new Headers({ 'x-session-token': token }) }
  const asyncMicros = await time(() => guard(request))
  const record = { host: 'app.local', 'x-session-token': token }
  const view = () => ({
    url: 'http://app.local/',
    headers: { get: (name) => record[name] ?? null },
  })
  const decideMicros = await time(() => {
    const decision = guard.decide(view())
    if (decision instanceof Promise || decision.type !== 'allow') throw new Error('not a sync hit')
  })
  return { asyncMicros, decideMicros }
}

export const benchGuard = async () => {
  const { kratos, token, guard } = await guardOnDouble(['--latency', String(latencyMs)])
  try {
    const ory = oryClient(kratos.publicUrl)
    const headers = { 'x-session-token': token }
    const rows = []
    // CPU per request of this process (the app: the load generator is a child) and of the double.
    const measure = async (framework, variant, url, h = headers) => {
      const app = process.cpuUsage()
      const double = cpuOf(kratos.pid)
      const r = await load(url, { headers: h, seconds, connections })
      const appUsed = process.cpuUsage(app)
      const doubleUsed = cpuOf(kratos.pid) - double
      const perRequest = (micros) => (r.total > 0 ? micros / r.total : 0)
      const row = {
        framework,
        variant,
        ...r,
        appCpu: perRequest(appUsed.user + appUsed.system),
        kratosCpu: perRequest(doubleUsed),
      }
      rows.push(row)
      return row
    }
    const run = async (framework, variant, handler, h) => {
      const server = createServer(handler)
      const url = await listen(server)
      const r = await measure(framework, variant, url, h)
      server.close()
      return r
    }
    const runFastify = async (variant, app) => {
      const url = await app.listen({ port: 0, host: '127.0.0.1' })
      const r = await measure('fastify', variant, url)
      await app.close()
      return r
    }
    const whoamiVariant = `whoami per request (toSession, Kratos +${latencyMs} ms)`
    const ex = expressApps(ory, guard)
    const exBare = await run('express', 'bare', ex.bare)
    const exGuard = await run('express', 'guard (cache hit)', ex.guarded)
    const exWhoami = await run('express', whoamiVariant, ex.perRequest)
    const fa = await fastifyApps(ory, guard)
    const faBare = await runFastify('bare', fa.bare)
    const faGuard = await runFastify('guard (cache hit)', fa.guarded)
    const faWhoami = await runFastify(whoamiVariant, fa.perRequest)
    const ho = honoApps(ory, guard)
    const hoBare = await run('hono', 'bare', ho.bare)
    const hoGuard = await run('hono', 'guard (cache hit)', ho.guarded)
    const hoWrapped = await run('hono', 'guard as handler wrapper (cache hit)', ho.wrapped)
    const hoWhoami = await run('hono', whoamiVariant, ho.perRequest)
    const es = await expressSessionApp()
    const esServer = createServer(es.app)
    const esUrl = await listen(esServer)
    const cookie = (await fetch(`${esUrl}/login`)).headers.get('set-cookie')?.split(';')[0] ?? ''
    esServer.close()
    const esRun = await run(
      'express',
      'express-session + connect-redis (rolling idle timeout)',
      es.app,
      { cookie },
    )
    await es.close()
    const cpu = await cpuPerHit(guard, token)
    return {
      rows,
      cpuMicros: cpu.asyncMicros,
      cpuMicrosDecide: cpu.decideMicros,
      headline: {
        expressKeep: exGuard.rps / exBare.rps,
        fastifyKeep: faGuard.rps / faBare.rps,
        honoKeep: hoGuard.rps / hoBare.rps,
        honoHandlerKeep: hoWrapped.rps / hoBare.rps,
        vsWhoami: exGuard.rps / exWhoami.rps,
        vsWhoamiFastify: faGuard.rps / faWhoami.rps,
        vsWhoamiHono: hoGuard.rps / hoWhoami.rps,
        vsExpressSession: exGuard.rps / esRun.rps,
        // CPU added per request by the guard over the bare framework, in the app process.
        addedCpu: {
          express: exGuard.appCpu - exBare.appCpu,
          fastify: faGuard.appCpu - faBare.appCpu,
          hono: hoGuard.appCpu - hoBare.appCpu,
          honoHandler: hoWrapped.appCpu - hoBare.appCpu,
        },
      },
      latencyMs,
      seconds,
      connections,
      ratio,
    }
  } finally {
    await kratos.stop()
  }
}
