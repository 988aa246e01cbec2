/**
 * The attacker's site: a tiny server on 127.0.0.1 (random port), reached by the browser under a
 * name of its own (`aegis-attacker.example`), so it is a different site from any target — also
 * from one on 127.0.0.1 or localhost (RFC 6265bis §5.2: a site is scheme + registrable domain,
 * ports do not count). Each page fires one kind of cross-site request at the target on load.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { attackerHost } from './launch.ts'

export const attackKinds = ['form-post', 'fetch', 'img', 'form-get'] as const
export type AttackKind = (typeof attackKinds)[number]

export interface AttackerSite {
  readonly origin: string
  /** The page that makes a `kind` request to `target` (a marker `aegis=<kind>` goes along). */
  pageUrl(kind: AttackKind, target: URL): string
  close(): Promise<void>
}

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const body = (kind: AttackKind, target: string): string => {
  const js = JSON.stringify(target).replace(/</g, '\\u003c')
  const done = `document.title = 'aegis-done'`
  switch (kind) {
    case 'form-post':
    case 'form-get':
      // A GET form replaces the action's query with its fields; a POST keeps it.
      return `<form method="${kind === 'form-post' ? 'post' : 'get'}" action="${esc(kind === 'form-post' ? `${target}?aegis=form-post` : target)}"><input type="hidden" name="aegis" value="${kind}"></form><script>document.forms[0].submit()</script>`
    case 'img':
      return `<img alt="" src="${esc(`${target}?aegis=img`)}" onload="${done}" onerror="${done}">`
    case 'fetch':
      return `<script>fetch(${js} + '?aegis=fetch', { method: 'POST', credentials: 'include', mode: 'no-cors' }).finally(() => { ${done} })</script>`
  }
}

export const startAttackerSite = async (): Promise<AttackerSite> => {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://attacker.invalid')
    const kind = url.searchParams.get('kind') as AttackKind | null
    const target = url.searchParams.get('target')
    if (url.pathname !== '/attack' || kind === null || !attackKinds.includes(kind) || !target) {
      res.statusCode = 404
      res.end()
      return
    }
    res.setHeader('content-type', 'text/html; charset=utf-8')
    res.end(
      `<!doctype html><html><head><title>attacker</title></head><body><h1>Another site (${esc(kind)})</h1>${body(kind, target)}</body></html>`,
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      resolve()
    })
  })
  const origin = `http://${attackerHost}:${(server.address() as AddressInfo).port}`
  return {
    origin,
    pageUrl: (kind, target) =>
      `${origin}/attack?kind=${kind}&target=${encodeURIComponent(target.href)}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}
