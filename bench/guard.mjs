// Guard throughput and added cost against what users would run instead: the bare framework, one
// whoami per request (Ory's examples), and express-session + connect-redis with an idle timeout.
import { createServer } from 'node:http'
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
import { honoGuard } from '../packages/guard/dist/adapters/hono.js'
import { listen, load, loginApi, ratio, startDouble } from './lib.mjs'

const latencyMs = Number(process.env.BENCH_KRATOS_LATENCY_MS ?? 5)
const seconds = Number(process.env.BENCH_SECONDS ?? 4)

const whoamiPerRequest = (publicUrl) => async (token) => {
  const res = await fetch(`${publicUrl}/sessions/whoami`, { headers: { 'x-session-token': token } })
  await res.arrayBuffer()
  return res.status === 200
}

const expressApps = (kratos, guard) => {
  const bare = express().get('/', (_req, res) => res.send('ok'))
  const guarded = express()
    .use(expressGuard(guard))
    .get('/', (_req, res) => res.send('ok'))
  const check = whoamiPerRequest(kratos.publicUrl)
  const perRequest = express().get('/', async (req, res) => {
    if (await check(req.get('x-session-token') ?? '')) res.send('ok')
    else res.status(401).end()
  })
  return { bare, guarded, perRequest }
}

const fastifyApps = async (guard) => {
  const bare = Fastify()
  bare.get('/', () => 'ok')
  const guarded = Fastify()
  await guarded.register(fastifyGuard, { guard })
  guarded.get('/', () => 'ok')
  return { bare, guarded }
}

const honoApps = (guard) => {
  const bare = new Hono().get('/', (c) => c.text('ok'))
  const guarded = new Hono().use('*', honoGuard(guard)).get('/', (c) => c.text('ok'))
  return { bare: getRequestListener(bare.fetch), guarded: getRequestListener(guarded.fetch) }
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

/** CPU per guard call on a cache hit, in-process: hash, lookup, policy. */
const cpuPerHit = async (guard, token) => {
  const request = { url: 'http://app.local/', headers: new Headers({ 'x-session-token': token }) }
  for (let i = 0; i < 5_000; i++) await guard(request)
  const n = 100_000
  const start = process.cpuUsage()
  for (let i = 0; i < n; i++) await guard(request)
  const used = process.cpuUsage(start)
  return (used.user + used.system) / n
}

export const benchGuard = async () => {
  const kratos = await startDouble([
    '--latency',
    String(latencyMs),
    '--identity',
    'bench@example.test:bench-password-123',
  ])
  try {
    const token = await loginApi(kratos.publicUrl, 'bench@example.test', 'bench-password-123')
    const guard = createGuard({
      kratosUrl: kratos.publicUrl,
      kratosAdminUrl: kratos.adminUrl,
      idleTimeout: '30m',
    })
    const headers = { 'x-session-token': token }
    const rows = []
    const run = async (framework, variant, handler, h = headers) => {
      const server = createServer(handler)
      const url = await listen(server)
      const r = await load(url, { headers: h, seconds })
      server.close()
      rows.push({ framework, variant, ...r })
      return r
    }
    const ex = expressApps(kratos, guard)
    const exBare = await run('express', 'bare', ex.bare)
    const exGuard = await run('express', 'guard (cache hit)', ex.guarded)
    const exWhoami = await run(
      'express',
      `whoami per request (Kratos +${latencyMs} ms)`,
      ex.perRequest,
    )
    const fa = await fastifyApps(guard)
    const runFastify = async (variant, app) => {
      const url = await app.listen({ port: 0, host: '127.0.0.1' })
      const r = await load(url, { headers, seconds })
      await app.close()
      rows.push({ framework: 'fastify', variant, ...r })
      return r
    }
    const faBare = await runFastify('bare', fa.bare)
    const faGuard = await runFastify('guard (cache hit)', fa.guarded)
    const ho = honoApps(guard)
    const hoBare = await run('hono', 'bare', ho.bare)
    const hoGuard = await run('hono', 'guard (cache hit)', ho.guarded)
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
      cpuMicros: cpu,
      headline: {
        expressKeep: exGuard.rps / exBare.rps,
        fastifyKeep: faGuard.rps / faBare.rps,
        honoKeep: hoGuard.rps / hoBare.rps,
        vsWhoami: exGuard.rps / exWhoami.rps,
        vsExpressSession: exGuard.rps / esRun.rps,
      },
      latencyMs,
      seconds,
      ratio,
    }
  } finally {
    await kratos.stop()
  }
}
