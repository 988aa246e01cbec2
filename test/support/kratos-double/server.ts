// The two listeners (public, admin) with the cross-cutting behaviour: request log, latency and
// fault injection, stop/restart on the same ports, global headers and Kratos' port redirects.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Ctx, Internals, Route } from './context.ts'
import { applyCors } from './cors.ts'
import { redirect, sendError } from './http.ts'
import type { Fault, RequestLogEntry } from './types.ts'

type Port = 'public' | 'admin'

export interface Runtime {
  fault: Fault | null
  latencyMs: number
  readonly log: (RequestLogEntry & { status: number })[]
}

export interface Routing {
  readonly public: readonly Route[]
  readonly admin: readonly Route[]
}

const notFound = (res: ServerResponse): void => {
  sendError(res, 404, { message: 'The requested resource could not be found' })
}

const dispatch = async (ctx: Ctx, path: string, routes: readonly Route[]): Promise<boolean> => {
  for (const r of routes) {
    const m = r.pattern.exec(path)
    if (!m) continue
    if (r.methods !== '*' && !r.methods.includes(ctx.req.method ?? 'GET')) continue
    await r.handler(ctx, m.slice(1))
    return true
  }
  return false
}

const isAdminOnly = (path: string): boolean => /^\/(admin\/|identities(\/|$))/.test(path)

const publicPath = async (ctx: Ctx, routing: Routing): Promise<void> => {
  const { k, req, res, url } = ctx
  // A TLS-terminating proxy marks plain-HTTP requests; the hardened setup sends them to HTTPS.
  if (req.headers['x-forwarded-proto'] === 'http' && !k.weak('acceptsPlainHttp')) {
    redirect(res, 308, `https://${url.host}${url.pathname}${url.search}`)
    return
  }
  if (applyCors(req, res, k.settings().cors)) return
  if (k.options.extraRoutes && (await k.options.extraRoutes(req, res, { double: k.double! })))
    return
  if (isAdminOnly(url.pathname)) {
    if (k.weak('adminOnPublic')) {
      const adminPath = url.pathname.startsWith('/admin/') ? url.pathname : `/admin${url.pathname}`
      if (await dispatch(ctx, adminPath, routing.admin)) return
      notFound(res)
      return
    }
    if (k.options.blockAdminPathsOnPublic) {
      notFound(res)
      return
    }
    // x/redir/port_redirect.go: the Location reveals the admin base URL (FACTS §6).
    const adminPath = url.pathname.startsWith('/admin/') ? url.pathname : `/admin${url.pathname}`
    redirect(res, 307, `${k.adminUrl}${adminPath}${url.search}`)
    return
  }
  if (!(await dispatch(ctx, url.pathname, routing.public))) notFound(res)
}

const adminPath = async (ctx: Ctx, routing: Routing): Promise<void> => {
  const { k, res, url } = ctx
  // AddAdminPrefixIfNotPresentNegroni: the admin router accepts paths with or without /admin.
  const path = url.pathname.startsWith('/admin') ? url.pathname : `/admin${url.pathname}`
  const rest = path.slice('/admin'.length)
  if (rest.startsWith('/self-service/') || rest === '/sessions/whoami') {
    redirect(res, 307, `${k.publicUrl}${rest}${url.search}`)
    return
  }
  if (!(await dispatch(ctx, path, routing.admin))) notFound(res)
}

const applyFault = async (
  fault: Fault | null,
  path: string,
  res: ServerResponse,
): Promise<boolean> => {
  if (!fault || (fault.pathPrefix !== undefined && !path.startsWith(fault.pathPrefix))) return false
  if (fault.delayMs) await sleep(fault.delayMs)
  if (fault.hang) return true // never answered; cut when the listener stops or closes
  if (fault.status === undefined) return false
  const messages = {
    429: 'Too many requests',
    500: 'An internal server error occurred, please contact the system administrator',
    503: 'The service is unavailable',
  } as const
  sendError(res, fault.status, { message: messages[fault.status] })
  return true
}

const handle = async (
  k: Internals,
  runtime: Runtime,
  routing: Routing,
  port: Port,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> => {
  const url = new URL(req.url ?? '/', port === 'public' ? k.publicUrl : k.adminUrl)
  const entry = { method: req.method ?? 'GET', path: url.pathname, port, status: 0 }
  runtime.log.push(entry)
  res.on('finish', () => (entry.status = res.statusCode))
  if (runtime.latencyMs > 0) await sleep(runtime.latencyMs)
  if (await applyFault(runtime.fault, url.pathname, res)) return
  if (!k.weak('noHsts'))
    res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  if ((req.method === 'GET' || req.method === 'HEAD') && !k.weak('noCacheControl'))
    res.setHeader('Cache-Control', 'private, no-cache, no-store, must-revalidate')
  const ctx: Ctx = { req, res, url, port, k }
  try {
    await (port === 'public' ? publicPath(ctx, routing) : adminPath(ctx, routing))
  } catch (error) {
    if (res.headersSent) res.destroy()
    else
      sendError(res, 500, {
        reason: error instanceof Error ? error.message : String(error),
        message: 'An internal server error occurred, please contact the system administrator',
      })
  }
}

export interface Listeners {
  readonly publicPort: number
  readonly adminPort: number
  stop(): Promise<void>
  restart(): Promise<void>
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })

const shut = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    if (!server.listening) {
      resolve()
      return
    }
    server.close(() => {
      resolve()
    })
    server.closeAllConnections()
  })

export const startListeners = async (
  k: Internals,
  runtime: Runtime,
  routing: Routing,
  ports: { public?: number | undefined; admin?: number | undefined },
): Promise<Listeners> => {
  const make = (port: Port): Server =>
    createServer((req, res) => void handle(k, runtime, routing, port, req, res))
  const pub = make('public')
  const adm = make('admin')
  const publicPort = await listen(pub, ports.public ?? 0)
  const adminPort = await listen(adm, ports.admin ?? 0)
  return {
    publicPort,
    adminPort,
    stop: async () => {
      await Promise.all([shut(pub), shut(adm)])
    },
    restart: async () => {
      if (!pub.listening) await listen(pub, publicPort)
      if (!adm.listening) await listen(adm, adminPort)
    },
  }
}
