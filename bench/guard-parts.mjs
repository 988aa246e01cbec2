// Where a cache hit's CPU goes inside each framework (`node bench/guard-parts.mjs`, after a build):
// each part is timed in-process over 300,000 calls on a real framework request, so the figures
// hold at the sub-microsecond level even when the machine is too busy for throughput ratios. The
// adapters' middleware rows run the whole adapter (view, decide, session handed over, next).
import { hash } from 'node:crypto'
import { createServer } from 'node:http'
import { loadavg } from 'node:os'
import { getRequestListener } from '@hono/node-server'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { expressGuard } from '../packages/guard/dist/adapters/express.js'
import { honoGuard } from '../packages/guard/dist/adapters/hono.js'
import { NodeView } from '../packages/guard/dist/core/node-view.js'
import { guardOnDouble } from './guard.mjs'
import { listen } from './lib.mjs'

class FastifyView extends NodeView {
  get url() {
    return `${this.req.protocol}://${this.req.host}${this.req.url}`
  }
}

const time = (fn, n = 300_000) => {
  for (let i = 0; i < 20_000; i++) fn()
  const start = process.cpuUsage()
  for (let i = 0; i < n; i++) fn()
  const used = process.cpuUsage(start)
  return ((used.user + used.system) * 1000) / n
}

// The same for a call that returns a promise (Hono middleware), awaited as Hono's compose does.
const timeAsync = async (fn, n = 300_000) => {
  for (let i = 0; i < 20_000; i++) await fn()
  const start = process.cpuUsage()
  for (let i = 0; i < n; i++) await fn()
  const used = process.cpuUsage(start)
  return ((used.user + used.system) * 1000) / n
}

const { kratos, token, guard } = await guardOnDouble()
try {
  const headers = { 'x-session-token': token }
  // Real framework request objects, captured from one request each.
  let fastifyRequest
  const fastify = Fastify()
  fastify.addHook('onRequest', (request, _reply, done) => {
    fastifyRequest = request
    done()
  })
  fastify.get('/', () => 'ok')
  await fastify.inject({ url: '/', headers })
  let honoContext
  const hono = new Hono()
    .use('*', async (c, next) => {
      honoContext = c
      await next()
    })
    .get('/', (c) => c.text('ok'))
  let expressRequest
  let expressResponse
  const ex = express().get('/', (req, res) => {
    expressRequest = req
    expressResponse = res
    res.send('ok')
  })
  const server = createServer(getRequestListener(hono.fetch))
  await (await fetch(await listen(server), { headers })).text()
  server.close()
  const exServer = createServer(ex)
  await (await fetch(await listen(exServer), { headers })).text()
  exServer.close()
  await guard.decide(new FastifyView(fastifyRequest)) // the one miss: whoami, then cached
  let sink
  let nexts = 0
  const expressMiddleware = expressGuard(guard)
  const honoMiddleware = honoGuard(guard)
  const nextExpress = () => void nexts++
  const nextHono = () => Promise.resolve(void nexts++)
  const ns = {
    'SHA-256 of the token (crypto.hash)': time(() => (sink = hash('sha256', token, 'hex'))),
    'Fastify: request.routeOptions.config': time(() => (sink = fastifyRequest.routeOptions.config)),
    'Fastify: request view (one object)': time(() => (sink = new FastifyView(fastifyRequest))),
    'Fastify: view + guard.decide (whole hit)': time(
      () => (sink = guard.decide(new FastifyView(fastifyRequest), undefined, () => '')),
    ),
    'Hono (node-server): c.req.raw.headers.get': time(
      () => (sink = honoContext.req.raw.headers.get('x-session-token')),
    ),
    'Hono (node-server): guard.decide(c.req.raw)': time(
      () => (sink = guard.decide(honoContext.req.raw)),
    ),
    'Express: expressGuard middleware (whole hit)': time(
      () => (sink = expressMiddleware(expressRequest, expressResponse, nextExpress)),
    ),
    'Hono: honoGuard middleware (whole hit, awaited)': await timeAsync(
      () => (sink = honoMiddleware(honoContext, nextHono)),
    ),
  }
  if (sink === undefined || nexts === 0) throw new Error('nothing measured')
  console.log(
    `load average ${loadavg()[0].toFixed(1)}; ns of CPU per call, mean over 300,000 calls`,
  )
  for (const [part, value] of Object.entries(ns)) console.log(`| ${part} | ${value.toFixed(0)} |`)
} finally {
  await kratos.stop()
}
