// The application double behaves as its header says: secure by default, each weakness switch adds
// exactly its mistake. Driven over HTTP here; browser-app-checks.test.ts drives it in Chromium.
import { afterEach, describe, expect, it } from 'vitest'
import { startAppDouble, type AppDouble, type AppDoubleOptions } from './app-double.ts'

const password = 'correct-horse-battery-staple-42'
const email = 'ada@example.test'
let app: AppDouble | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const get = (url: string, cookie?: string): Promise<Response> =>
  fetch(url, { redirect: 'manual', headers: cookie === undefined ? {} : { cookie } })

/** An app with one identity and, for browser-flow apps, a session cookie as Kratos sets it. */
const start = async (options: AppDoubleOptions = {}) => {
  app = await startAppDouble(options)
  const { id } = await app.kratos.createIdentity({ email, password })
  return { app, session: await app.kratos.createSession(id) }
}

describe('app double, browser-flow login', () => {
  it('sends anonymous visitors to sign in, and /login to Kratos with return_to back to the app', async () => {
    const { app } = await start()
    const anon = await get(app.dashboardUrl)
    expect([anon.status, anon.headers.get('location')]).toEqual([303, '/login'])
    const login = await get(`${app.url}/login`)
    const to = new URL(login.headers.get('location') ?? '')
    expect(to.origin + to.pathname).toBe(`${app.kratos.publicUrl}/self-service/login/browser`)
    expect(to.searchParams.get('return_to')).toBe(app.dashboardUrl)
    // Kratos accepts that return_to (allowed_return_urls) and sends the browser to its UI.
    const init = await get(to.href)
    expect(init.status).toBe(303)
    expect(init.headers.get('location')).toMatch(/\/ui\/login\?flow=/)
  })

  it('serves the dashboard for a Kratos session and leaks it nowhere when secure', async () => {
    const { app, session } = await start()
    const res = await get(app.dashboardUrl, session.cookie)
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain(email)
    expect(html).not.toContain(session.cookie.split('=')[1])
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it.each([
    ['tokenInLocalStorage', /localStorage\.setItem\('session', "([^"]+)"\)/],
    ['tokenInSessionStorage', /sessionStorage\.setItem\('session', "([^"]+)"\)/],
    ['tokenInHtml', /<script id="boot" type="application\/json">\{"session":"([^"]+)"\}/],
  ] as const)('%s puts the session cookie value into the page', async (weakness, where) => {
    const { app, session } = await start({ weaknesses: { [weakness]: true } })
    const html = await (await get(app.dashboardUrl, session.cookie)).text()
    expect(where.exec(html)?.[1]).toBe(session.cookie.slice(session.cookie.indexOf('=') + 1))
  })

  it('tokenInScriptCookie sets a cookie without HttpOnly holding the value', async () => {
    const { app, session } = await start({ weaknesses: { tokenInScriptCookie: true } })
    const set = (await get(app.dashboardUrl, session.cookie)).headers.getSetCookie()
    const value = encodeURIComponent(session.cookie.slice(session.cookie.indexOf('=') + 1))
    expect(set).toEqual([`app_token=${value}; Path=/; SameSite=Lax`])
  })

  it('logs out through Kratos: the logout URL revokes the session', async () => {
    const { app, session } = await start()
    const out = await get(`${app.url}/logout`, session.cookie)
    const to = new URL(out.headers.get('location') ?? '')
    expect(to.pathname).toBe('/self-service/logout')
    expect(to.searchParams.get('return_to')).toBe(`${app.url}/`)
    const done = await get(to.href, session.cookie)
    expect([done.status, done.headers.get('location')]).toEqual([303, `${app.url}/`])
    expect(app.kratos.sessions().find((s) => s.id === session.id)?.active).toBe(false)
  })

  it('logoutKeepsSession deletes the Kratos cookie but leaves the session active', async () => {
    const { app, session } = await start({ weaknesses: { logoutKeepsSession: true } })
    const out = await get(`${app.url}/logout`, session.cookie)
    expect(out.status).toBe(200)
    expect(out.headers.getSetCookie()).toContain(
      `${app.kratos.sessionCookieName}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:01 GMT`,
    )
    expect(app.kratos.sessions().find((s) => s.id === session.id)?.active).toBe(true)
  })
})

describe('app double, server-proxy login', () => {
  const proxyLogin = async (app: AppDouble, pw = password) =>
    fetch(`${app.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ identifier: email, password: pw }).toString(),
    })

  it('logs in with the API flow on the server and keeps the token behind an HttpOnly app cookie', async () => {
    const { app } = await start({ login: 'server-proxy' })
    expect(await (await get(`${app.url}/login`)).text()).toContain('name="password"')
    expect((await proxyLogin(app, 'wrong-password-123')).status).toBe(400)
    const res = await proxyLogin(app)
    expect(res.headers.get('location')).toBe('/dashboard')
    const [cookie] = res.headers.getSetCookie()
    expect(cookie).toMatch(/^app_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/)
    const appCookie = cookie!.split(';')[0]!
    const dash = await get(app.dashboardUrl, appCookie)
    const html = await dash.text()
    expect(dash.status).toBe(200)
    expect(html).toContain(email)
    expect(html).not.toMatch(/ory_st_/)
    // The session is Kratos' own (one active, issued by the API flow).
    const active = app.kratos.sessions().filter((s) => s.active)
    expect(active).toHaveLength(2) // createSession's and the proxy's
    // Logout revokes the token with the API logout.
    await get(`${app.url}/logout`, appCookie)
    expect(app.kratos.sessions().filter((s) => s.active)).toHaveLength(1)
    expect((await get(app.dashboardUrl, appCookie)).status).toBe(303)
  })

  it('puts the ory_st_ token into the page with tokenInLocalStorage, and keeps it with logoutKeepsSession', async () => {
    const { app } = await start({
      login: 'server-proxy',
      weaknesses: { tokenInLocalStorage: true, logoutKeepsSession: true },
    })
    const appCookie = (await proxyLogin(app)).headers.getSetCookie()[0]!.split(';')[0]!
    const html = await (await get(app.dashboardUrl, appCookie)).text()
    const token = /localStorage\.setItem\('session', "(ory_st_\w{32})"\)/.exec(html)?.[1]
    expect(app.kratos.sessions().some((s) => s.token === token)).toBe(true)
    await get(`${app.url}/logout`, appCookie)
    expect(app.kratos.sessions().find((s) => s.token === token)?.active).toBe(true)
  })
})
