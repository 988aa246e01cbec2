// Guard throughput and added cost against what users would run instead, per framework: the bare
// framework, one whoami per request written as Ory's examples write it (@ory/client-fetch
// FrontendApi.toSession in a middleware, fetch's keep-alive), and express-session +
// connect-redis with an idle timeout. Every row also records the CPU the app process and the
// Kratos double spent per request, which bounds the ratios on a machine they share. Each row's app
// runs in a Node process of its own (bench/guard-app.mjs, started fresh for the row and warmed up
// before it is measured), so no row inherits the JIT and GC state of the rows before it.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
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
import { cpuOf, listen, load, loginApi, median, ratio, root, startDouble } from './lib.mjs'

// The bench identity on the double; guard-parts.mjs measures the same guard through guardOnDouble.
const EMAIL = 'bench@example.test'
const PASSWORD = 'bench-password-123'

/** The bench's guard over the double at `publicUrl` and `adminUrl`. */
const guardOver = ({ publicUrl, adminUrl }) =>
  createGuard({ kratosUrl: publicUrl, kratosAdminUrl: adminUrl, idleTimeout: '30m' })

/** The double (with `args`), an API session token of the bench identity, and a guard over it. */
export const guardOnDouble = async (args = []) => {
  const kratos = await startDouble([...args, '--identity', `${EMAIL}:${PASSWORD}`])
  try {
    const token = await loginApi(kratos.publicUrl, EMAIL, PASSWORD)
    const guard = guardOver(kratos)
    return { kratos, token, guard }
  } catch (error) {
    await kratos.stop()
    throw error
  }
}

const latencyMs = Number(process.env.BENCH_KRATOS_LATENCY_MS ?? 5)
const seconds = Number(process.env.BENCH_SECONDS ?? 4)
// Load on each fresh app process before its measured run, not counted.
const warmUp = Number(process.env.BENCH_WARMUP_SECONDS ?? 1)
// Bare and guarded rows of one framework alternate in turns of `slice` seconds, `rounds` turns
// each (mirrored order), rather than one run each: the VM's speed drifts within a minute.
const slice = Number(process.env.BENCH_SLICE_SECONDS ?? 2)
const rounds = Number(process.env.BENCH_ROUNDS ?? 4)
// Little's law: a closed-loop client with C connections against a 5 ms whoami can never exceed
// C / 5 ms (32 connections: 6,400 requests/s). 128 lifts that ceiling to 25,600 requests/s, above
// what the baseline reaches on CPU here, so the comparison measures work, not the client's limit.
const connections = Number(process.env.BENCH_CONNECTIONS ?? 128)

// Ory's examples (docs "check-session"): one FrontendApi, toSession per request, 401 → logged out.
const oryClient = (publicUrl) => new FrontendApi(new Configuration({ basePath: publicUrl }))

// Each framework's apps, by variant. `ory` and `guard` are made on first use (serveApp), so only
// the apps that use them hold them.
const expressApps = {
  bare: () => express().get('/', (_req, res) => res.send('ok')),
  guarded: ({ guard }) =>
    express()
      .use(expressGuard(guard))
      .get('/', (_req, res) => res.send('ok')),
  perRequest: ({ ory }) =>
    express()
      .use(async (req, res, next) => {
        try {
          req.session = await ory.toSession({ xSessionToken: req.header('x-session-token') })
          next()
        } catch {
          res.status(401).end()
        }
      })
      .get('/', (_req, res) => res.send('ok')),
}

const fastifyApps = {
  bare: async () => {
    const bare = Fastify()
    bare.get('/', () => 'ok')
    return bare
  },
  guarded: async ({ guard }) => {
    const guarded = Fastify()
    await guarded.register(fastifyGuard, { guard })
    guarded.get('/', () => 'ok')
    return guarded
  },
  perRequest: async ({ ory }) => {
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
    return perRequest
  },
}

const honoApps = {
  bare: () => getRequestListener(new Hono().get('/', (c) => c.text('ok')).fetch),
  guarded: ({ guard }) =>
    getRequestListener(new Hono().use('*', honoGuard(guard)).get('/', (c) => c.text('ok')).fetch),
  // The same route with the guard wrapping its handler: one handler, Hono's single-handler path.
  wrapped: ({ guard }) =>
    getRequestListener(
      new Hono().get(
        '/',
        honoGuarded(guard, (c) => c.text('ok')),
      ).fetch,
    ),
  perRequest: ({ ory }) =>
    getRequestListener(
      new Hono()
        .use('*', async (c, next) => {
          try {
            c.set(
              'session',
              await ory.toSession({ xSessionToken: c.req.header('x-session-token') }),
            )
          } catch {
            return c.body(null, 401)
          }
          await next()
        })
        .get('/', (c) => c.text('ok')).fetch,
    ),
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
 * Serves one app (`framework`: express, fastify or hono; `variant`: bare, guarded, wrapped (Hono),
 * perRequest, or session (Express: express-session + connect-redis)) on 127.0.0.1 over the double
 * at `kratos` ({ publicUrl, adminUrl }); resolves with its URL and a close function. Run by
 * bench/guard-app.mjs, one app per process.
 */
export const serveApp = async (framework, variant, kratos) => {
  let guard
  let ory
  const made = {
    get guard() {
      return (guard ??= guardOver(kratos))
    },
    get ory() {
      return (ory ??= oryClient(kratos.publicUrl))
    },
  }
  if (framework === 'express' && variant === 'session') {
    const es = await expressSessionApp()
    const server = createServer(es.app)
    const url = await listen(server)
    return { url, close: () => (server.close(), es.close()) }
  }
  const build = { express: expressApps, fastify: fastifyApps, hono: honoApps }[framework]?.[variant]
  if (!build) throw new Error(`no ${framework} app "${variant}"`)
  if (framework === 'fastify') {
    const app = await build(made)
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    return { url, close: () => app.close() }
  }
  const server = createServer(build(made))
  const url = await listen(server)
  return { url, close: () => server.close() }
}

/**
 * Starts bench/guard-app.mjs for one (framework, variant) over the double; resolves with the
 * app's URL, its pid and a stop function. The child learns the double's URLs from its arguments
 * (it needs no session token) and answers with one JSON line on stdout.
 */
const startApp = async (framework, variant, kratos) => {
  const child = spawn(
    process.execPath,
    [`${root}bench/guard-app.mjs`, framework, variant, kratos.publicUrl, kratos.adminUrl],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const closed = once(child, 'close')
    child.kill('SIGTERM')
    await closed
  }
  try {
    const url = await new Promise((resolve, reject) => {
      let out = ''
      child.stdout.setEncoding('utf8').on('data', (d) => {
        out += d
        const end = out.indexOf('\n')
        if (end >= 0) resolve(JSON.parse(out.slice(0, end)).url)
      })
      child.once('exit', (code) =>
        reject(new Error(`the ${framework} ${variant} app exited (${code}) before listening`)),
      )
      setTimeout(
        () => reject(new Error(`the ${framework} ${variant} app did not start in 60 s`)),
        60_000,
      ).unref()
    })
    return { url, pid: child.pid, stop }
  } catch (error) {
    await stop()
    throw error
  }
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
    const headers = { 'x-session-token': token }
    const rows = []
    // Measures one app per process, every process started and loaded for `warmUp` seconds first
    // (not counted; a guarded app's first request is the miss that fills its cache). With more
    // than one variant, the measured load comes in `slice`-second turns in mirrored order (A B, B A,
    // A B, B A: `rounds` rounds), so a drift of this VM's speed over the minute falls on every
    // variant alike instead of on whichever row ran in the slow part. Each row sums its turns:
    // requests per second over its measured seconds, CPU of its process and of the double per
    // request, the median of its turns' p99. `prepare(url)` gives a row's request headers.
    const measure = async (framework, entries, { turns, turnSeconds }) => {
      const children = []
      try {
        for (const [, app] of entries) children.push(await startApp(framework, app, kratos))
        const requestHeaders = []
        for (const [i, [, , prepare = async () => headers]] of entries.entries())
          requestHeaders.push(await prepare(children[i].url))
        for (const [i, child] of children.entries())
          await load(child.url, { headers: requestHeaders[i], seconds: warmUp, connections })
        const sums = children.map(() => ({ total: 0, bad: 0, app: 0, double: 0, p99: [] }))
        const forward = [...children.keys()]
        for (let turn = 0; turn < turns; turn++) {
          for (const i of turn % 2 === 0 ? forward : [...forward].reverse()) {
            const child = children[i]
            const appBefore = cpuOf(child.pid)
            const doubleBefore = cpuOf(kratos.pid)
            const r = await load(child.url, {
              headers: requestHeaders[i],
              seconds: turnSeconds,
              connections,
            })
            const sum = sums[i]
            sum.app += cpuOf(child.pid) - appBefore
            sum.double += cpuOf(kratos.pid) - doubleBefore
            sum.total += r.total
            sum.bad += r.bad
            sum.p99.push(r.p99)
          }
        }
        return entries.map(([variant], i) => {
          const sum = sums[i]
          const perRequest = (micros) => (sum.total > 0 ? micros / sum.total : 0)
          const row = {
            framework,
            variant,
            rps: sum.total / (turns * turnSeconds),
            p99: median(sum.p99),
            bad: sum.bad,
            total: sum.total,
            appCpu: perRequest(sum.app),
            kratosCpu: perRequest(sum.double),
          }
          rows.push(row)
          return row
        })
      } finally {
        for (const child of children) await child.stop()
      }
    }
    // The keeps compare variants in alternation; a single row runs `seconds` in one go.
    const compared = (framework, entries) =>
      measure(framework, entries, { turns: rounds, turnSeconds: slice })
    const alone = async (framework, entry) =>
      (await measure(framework, [entry], { turns: 1, turnSeconds: seconds }))[0]
    const whoamiVariant = `whoami per request (toSession, Kratos +${latencyMs} ms)`
    const [exBare, exGuard] = await compared('express', [
      ['bare', 'bare'],
      ['guard (cache hit)', 'guarded'],
    ])
    const exWhoami = await alone('express', [whoamiVariant, 'perRequest'])
    const [faBare, faGuard] = await compared('fastify', [
      ['bare', 'bare'],
      ['guard (cache hit)', 'guarded'],
    ])
    const faWhoami = await alone('fastify', [whoamiVariant, 'perRequest'])
    const [hoBare, hoGuard, hoWrapped] = await compared('hono', [
      ['bare', 'bare'],
      ['guard (cache hit)', 'guarded'],
      ['guard as handler wrapper (cache hit)', 'wrapped'],
    ])
    const hoWhoami = await alone('hono', [whoamiVariant, 'perRequest'])
    const esRun = await alone('express', [
      'express-session + connect-redis (rolling idle timeout)',
      'session',
      async (url) => ({
        cookie: (await fetch(`${url}/login`)).headers.get('set-cookie')?.split(';')[0] ?? '',
      }),
    ])
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
        // What a guard that cost nothing would reach against whoami per request: bare ÷ whoami.
        ceilingVsWhoami: {
          express: exBare.rps / exWhoami.rps,
          fastify: faBare.rps / faWhoami.rps,
          hono: hoBare.rps / hoWhoami.rps,
        },
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
      warmUp,
      slice,
      rounds,
      connections,
      ratio,
    }
  } finally {
    await kratos.stop()
  }
}
