// A small application in front of the Kratos double, the way Ory's examples build one: anonymous
// visitors of the dashboard are sent to sign in, the dashboard checks the session with whoami on
// every request, and /logout ends it. Two login styles:
// - 'browser-flow' (the usual one): /login sends the browser to Kratos' browser login flow with
//   return_to back to the app; Kratos' UI posts the form and sets its HttpOnly session cookie,
//   which reaches the app because cookies ignore ports (RFC 6265 §8.5). Logout asks Kratos for
//   the logout URL with the browser's cookies and redirects there (FACTS §6.1).
// - 'server-proxy': the app's own login form posts to the app, whose server runs Kratos' API flow
//   and keeps the ory_st_ token in its own session store behind an HttpOnly app cookie; logout
//   revokes the token with DELETE /self-service/logout/api (FACTS §6.1).
// Weakness switches each add one mistake real applications make. Off, the app is secure.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseCookieHeader } from './kratos-double/cookies.ts'
import { startKratosDouble, type DoubleOptions, type KratosDouble } from './kratos-double/index.ts'

export const appWeaknessNames = [
  /** The dashboard copies the session credential into localStorage. */
  'tokenInLocalStorage',
  /** …into sessionStorage. */
  'tokenInSessionStorage',
  /** …into a cookie of its own without HttpOnly (`app_token`). */
  'tokenInScriptCookie',
  /** …into the page's HTML (a JSON bootstrap block for its scripts). */
  'tokenInHtml',
  /** Logout deletes the cookies and local state but never tells Kratos: the session lives on. */
  'logoutKeepsSession',
] as const
export type AppWeaknessName = (typeof appWeaknessNames)[number]

export type AppLoginStyle = 'browser-flow' | 'server-proxy'

export interface AppDoubleOptions {
  readonly login?: AppLoginStyle
  readonly weaknesses?: Partial<Record<AppWeaknessName, boolean>>
  /** Options of the Kratos double started behind the app (return URLs to the app are added). */
  readonly kratos?: DoubleOptions
}

export interface AppDouble {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string
  /** The page that needs a session: `<url>/dashboard`. */
  readonly dashboardUrl: string
  readonly kratos: KratosDouble
  setWeakness(name: AppWeaknessName, on: boolean): void
  /** Closes the app and the Kratos double. */
  close(): Promise<void>
}

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
// Inside <script>, `</` must not appear; JSON.stringify alone does not prevent it.
const inScript = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c')

const page = (res: ServerResponse, status: number, title: string, body: string): void => {
  res.statusCode = status
  res.setHeader('content-type', 'text/html; charset=utf-8')
  res.setHeader('cache-control', 'no-store')
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`,
  )
}

const redirect = (res: ServerResponse, location: string, cookies: string[] = []): void => {
  res.statusCode = 303
  res.setHeader('location', location)
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  res.end()
}

const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > 64 * 1024) break
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

const cookieValue = (req: IncomingMessage, name: string): string | undefined =>
  parseCookieHeader(req.headers.cookie).find((c) => c.name === name)?.value

const json = { accept: 'application/json' }

interface Whoami {
  readonly id: string
  readonly identity?: { traits?: { email?: string } }
}

export const startAppDouble = async (options: AppDoubleOptions = {}): Promise<AppDouble> => {
  const style = options.login ?? 'browser-flow'
  const weak = new Set<AppWeaknessName>(
    appWeaknessNames.filter((n) => options.weaknesses?.[n] === true),
  )
  /** server-proxy: app session id → Kratos session token. */
  const proxied = new Map<string, string>()
  // Both are known only once the app listens (Kratos needs the app's URL as a return URL).
  const wired: { kratos?: KratosDouble } = {}
  let url = ''

  const k = (): KratosDouble => wired.kratos!
  const whoami = async (headers: Record<string, string>): Promise<Whoami | undefined> => {
    const r = await fetch(`${k().publicUrl}/sessions/whoami`, { headers: { ...json, ...headers } })
    return r.status === 200 ? ((await r.json()) as Whoami) : undefined
  }

  /** The credential the app holds for this browser, and the session it stands for. */
  const current = async (
    req: IncomingMessage,
  ): Promise<{ credential: string; session: Whoami } | undefined> => {
    if (style === 'server-proxy') {
      const token = proxied.get(cookieValue(req, 'app_session') ?? '')
      const session = token === undefined ? undefined : await whoami({ 'x-session-token': token })
      return token === undefined || session === undefined
        ? undefined
        : { credential: token, session }
    }
    // Forward the browser's cookies, as Ory's SDK `toSession({ cookie })` does.
    const cookie = req.headers.cookie
    const value = cookieValue(req, k().sessionCookieName)
    const session = cookie === undefined ? undefined : await whoami({ cookie })
    return value === undefined || session === undefined ? undefined : { credential: value, session }
  }

  const loginForm = (res: ServerResponse, status: number, message = ''): void => {
    page(
      res,
      status,
      'Sign in',
      `${message ? `<p class="message">${esc(message)}</p>` : ''}<form method="post" action="/login"><label>Email <input name="identifier" type="email" autocomplete="username" required></label><label>Password <input name="password" type="password" autocomplete="current-password" required></label><button type="submit">Sign in</button></form>`,
    )
  }

  /** server-proxy: the API flow on the server (FACTS §6.1), never a browser flow. */
  const proxyLogin = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = await readForm(req)
    const init = await fetch(`${k().publicUrl}/self-service/login/api`, { headers: json })
    const flow = (await init.json()) as { id: string }
    const submit = await fetch(`${k().publicUrl}/self-service/login?flow=${flow.id}`, {
      method: 'POST',
      headers: { ...json, 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'password',
        identifier: form.get('identifier') ?? '',
        password: form.get('password') ?? '',
      }),
    })
    const body = (await submit.json()) as { session_token?: string }
    if (submit.status !== 200 || body.session_token === undefined) {
      loginForm(res, 400, 'The provided credentials are invalid.')
      return
    }
    const id = randomBytes(24).toString('base64url')
    proxied.set(id, body.session_token)
    redirect(res, '/dashboard', [`app_session=${id}; Path=/; HttpOnly; SameSite=Lax`])
  }

  const dashboard = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const found = await current(req)
    if (found === undefined) {
      redirect(res, '/login')
      return
    }
    const cred = found.credential
    const scripts: string[] = []
    const cookies: string[] = []
    if (weak.has('tokenInLocalStorage'))
      scripts.push(`localStorage.setItem('session', ${inScript(cred)})`)
    if (weak.has('tokenInSessionStorage'))
      scripts.push(`sessionStorage.setItem('session', ${inScript(cred)})`)
    if (weak.has('tokenInScriptCookie'))
      cookies.push(`app_token=${encodeURIComponent(cred)}; Path=/; SameSite=Lax`)
    const boot = weak.has('tokenInHtml')
      ? `<script id="boot" type="application/json">${inScript({ session: cred })}</script>`
      : ''
    if (cookies.length > 0) res.setHeader('set-cookie', cookies)
    const email = found.session.identity?.traits?.email ?? ''
    page(
      res,
      200,
      'Dashboard',
      `<p id="status">Signed in as <span id="email">${esc(email)}</span>.</p><a id="logout" href="/logout">Sign out</a>${boot}${scripts.length > 0 ? `<script>${scripts.join(';')}</script>` : ''}`,
    )
  }

  // Deleting a __Host- cookie needs Secure and Path=/ as well (RFC 6265bis §4.1.3.2).
  const expire = (name: string): string =>
    `${name}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:01 GMT${name.startsWith('__') ? '; Secure' : ''}`

  const logout = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const local = [expire('app_token'), expire('app_session')]
    if (weak.has('logoutKeepsSession')) {
      // The mistake: forget the session locally, delete the Kratos cookie, never revoke it.
      proxied.delete(cookieValue(req, 'app_session') ?? '')
      res.setHeader('set-cookie', [...local, expire(k().sessionCookieName)])
      page(
        res,
        200,
        'Signed out',
        `<p>Signed out.</p><a href="/">Home</a><script>localStorage.clear();sessionStorage.clear()</script>`,
      )
      return
    }
    if (style === 'server-proxy') {
      const id = cookieValue(req, 'app_session') ?? ''
      const token = proxied.get(id)
      proxied.delete(id)
      if (token !== undefined)
        await fetch(`${k().publicUrl}/self-service/logout/api`, {
          method: 'DELETE',
          headers: { ...json, 'content-type': 'application/json' },
          body: JSON.stringify({ session_token: token }),
        })
      redirect(res, '/', local)
      return
    }
    const r = await fetch(
      `${k().publicUrl}/self-service/logout/browser?return_to=${encodeURIComponent(`${url}/`)}`,
      { headers: { ...json, cookie: req.headers.cookie ?? '' } },
    )
    const body = (await r.json().catch(() => ({}))) as { logout_url?: string }
    redirect(res, body.logout_url ?? '/', local)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://app.invalid').pathname
    const method = req.method ?? 'GET'
    if (path === '/' && method === 'GET') {
      page(
        res,
        200,
        'Example app',
        '<a href="/dashboard">Dashboard</a> <a href="/login">Sign in</a>',
      )
    } else if (path === '/dashboard' && method === 'GET') {
      await dashboard(req, res)
    } else if (path === '/login' && method === 'GET') {
      if (style === 'server-proxy') loginForm(res, 200)
      else
        redirect(
          res,
          `${k().publicUrl}/self-service/login/browser?return_to=${encodeURIComponent(`${url}/dashboard`)}`,
        )
    } else if (path === '/login' && method === 'POST' && style === 'server-proxy') {
      await proxyLogin(req, res)
    } else if (path === '/logout' && method === 'GET') {
      await logout(req, res)
    } else {
      page(res, 404, 'Not found', '')
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) page(res, 502, 'Kratos did not answer', '')
      else res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const kratos = (wired.kratos = await startKratosDouble({
    ...options.kratos,
    allowedReturnUrls: [...(options.kratos?.allowedReturnUrls ?? []), `${url}/`],
  }))
  return {
    url,
    dashboardUrl: `${url}/dashboard`,
    kratos,
    setWeakness: (name, on) => {
      if (on) weak.add(name)
      else weak.delete(name)
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      })
      await kratos.close()
    },
  }
}
