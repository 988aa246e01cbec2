// A tiny reverse proxy in front of one port of the Kratos double, the way operators put the
// unauthenticated admin API behind basic auth: requests without the expected Authorization value
// get 401; the rest are forwarded unchanged. With `expect` null it requires nothing and only
// records, so a test can show that credentials meant for another origin never arrive here.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface AuthProxy {
  readonly url: string
  /** The Authorization header of every request received (undefined when absent), in order. */
  readonly seen: readonly (string | undefined)[]
  /** Requests refused with 401. */
  readonly refused: () => number
  close(): Promise<void>
}

export const basicAuth = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`

export const startAuthProxy = async (
  upstream: string,
  expect: string | null,
): Promise<AuthProxy> => {
  const target = new URL(upstream)
  const seen: (string | undefined)[] = []
  let refused = 0
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const out = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    out.on('error', () => {
      res.writeHead(502).end()
    })
    req.pipe(out)
  }
  const server = createServer((req, res) => {
    const auth = req.headers.authorization
    seen.push(auth)
    if (expect !== null && auth !== expect) {
      refused++
      req.resume()
      res.writeHead(401, { 'www-authenticate': 'Basic realm="kratos-admin"' }).end()
      return
    }
    forward(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    refused: () => refused,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          resolve()
        })
      }),
  }
}
