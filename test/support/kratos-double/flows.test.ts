// Behaviour of the double's self-service flows against FACTS.md §4.2, §5.3, §6.1 and §7.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { apiLogin, browserLogin, email, password, useDoubles, whoamiId } from './flow-helpers.ts'
import { csrfTokenOf, Jar } from './jar.ts'

const { setup, start } = useDoubles()

describe('browser login', () => {
  it('sets the CSRF cookie, then a session cookie, and never returns the token', async () => {
    const { d } = await setup()
    const jar = new Jar()
    const res = await browserLogin(d, jar)
    expect(res.status).toBe(200)
    const csrfName = `csrf_token_${createHash('sha256').update(`${d.publicUrl}/`).digest('hex')}`
    expect(d.csrfCookieName).toBe(csrfName)
    const csrf = res.setCookies.find((c) => c.startsWith(`${csrfName}=`))
    expect(csrf).toMatch(
      /; Path=\/; Expires=[^;]+; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax$/,
    )
    const session = res.setCookies.find((c) => c.startsWith('ory_kratos_session='))
    // Whole seconds left of the 24 h lifespan: 86400 when the cookie is written in the
    // millisecond the session was created (the double's clock), a few seconds less otherwise.
    expect(session).toMatch(
      /; Path=\/; Expires=[^;]+; Max-Age=(?:8639\d|86400); HttpOnly; Secure; SameSite=Lax$/,
    )
    const body = res.json<{
      session: { id: string }
      session_token?: string
      continue_with: unknown[]
    }>()
    expect(body.session_token).toBeUndefined()
    expect(res.text).not.toMatch(/ory_st_/)
    expect(body.continue_with).toEqual([
      { action: 'redirect_browser_to', redirect_browser_to: `${d.publicUrl}/ui/welcome` },
    ])
    expect(await whoamiId(d, { cookie: jar.header() })).toBe(body.session.id)
  })

  it('answers 303 to the UI and to return_to for plain browser requests', async () => {
    const { d } = await setup()
    const jar = new Jar()
    const init = await jar.fetch(
      `${d.publicUrl}/self-service/login/browser?return_to=${encodeURIComponent(`${d.publicUrl}/ui/welcome?x=1`)}`,
    )
    expect(init.status).toBe(303)
    expect(init.headers.get('location')).toMatch(
      new RegExp(`^${d.publicUrl}/ui/login\\?flow=[0-9a-f-]{36}$`),
    )
    const page = await jar.fetch(init.headers.get('location')!)
    const token = /name="csrf_token" type="hidden" value="([^"]+)"/.exec(page.text)?.[1]
    const action = /action="([^"]+)"/.exec(page.text)?.[1]?.replace(/&#38;/g, '&')
    const form = new URLSearchParams({
      csrf_token: token!.replace(/&#43;/g, '+').replace(/&#61;/g, '='),
      identifier: email,
      password,
      method: 'password',
    })
    const submit = await jar.fetch(action!, {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(submit.status).toBe(303)
    expect(submit.headers.get('location')).toBe(`${d.publicUrl}/ui/welcome?x=1`)
    const welcome = await jar.fetch(`${d.publicUrl}/ui/welcome`)
    expect(welcome.text).toContain(email)
  })

  it('refuses a submit without the CSRF token, or with another browser’s', async () => {
    const { d } = await setup()
    const victim = new Jar()
    const attacker = new Jar()
    const flow = (
      await victim.fetch(`${d.publicUrl}/self-service/login/browser`, {
        headers: { accept: 'application/json' },
      })
    ).json()
    const foreign = (
      await attacker.fetch(`${d.publicUrl}/self-service/login/browser`, {
        headers: { accept: 'application/json' },
      })
    ).json()
    const action = (flow['ui'] as { action: string }).action
    for (const csrf_token of [undefined, csrfTokenOf(foreign)]) {
      const res = await victim.fetch(action, {
        method: 'POST',
        json: { method: 'password', identifier: email, password, csrf_token },
      })
      expect(res.status).toBe(403)
      expect(res.headers.get('ory-error-id')).toBe('security_csrf_violation')
      expect(
        res.json<{ error: { details: { reject_reason: string } } }>().error.details.reject_reason,
      ).toBeTruthy()
    }
    const noCookie = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'password',
        identifier: email,
        password,
        csrf_token: csrfTokenOf(flow),
      }),
    })
    expect(noCookie.status).toBe(403)
    // GET …/flows?id= also checks the cookie against the flow.
    expect(
      (await attacker.fetch(`${d.publicUrl}/self-service/login/flows?id=${String(flow['id'])}`))
        .status,
    ).toBe(403)
    expect(
      (await victim.fetch(`${d.publicUrl}/self-service/login/flows?id=${String(flow['id'])}`))
        .status,
    ).toBe(200)
    d.setWeakness('csrfNotChecked', true)
    const weak = await victim.fetch(action, {
      method: 'POST',
      json: { method: 'password', identifier: email, password },
    })
    expect(weak.status).toBe(200)
  })

  it('reuses the session id and token on refresh, and refuses a second login without it', async () => {
    const { d } = await setup({ lifespan: '1h' })
    const jar = new Jar()
    const first = (await browserLogin(d, jar)).json<{
      session: { id: string; expires_at: string }
    }>()
    const again = await jar.fetch(`${d.publicUrl}/self-service/login/browser`, {
      headers: { accept: 'application/json' },
    })
    expect(again.status).toBe(400)
    expect(again.json<{ error: { id: string } }>().error.id).toBe('session_already_available')
    const record = d.sessions()[0]!
    const token = record.token
    record.expiresAt = new Date(Date.now() + 60_000)
    const refreshed = (await browserLogin(d, jar, '?refresh=true')).json<{
      session: { id: string; expires_at: string }
    }>()
    expect(refreshed.session.id).toBe(first.session.id)
    expect(d.sessions()).toHaveLength(1)
    expect(d.sessions()[0]!.token).toBe(token)
    expect(Date.parse(refreshed.session.expires_at)).toBeGreaterThan(Date.now() + 59 * 60_000)
  })

  it('steps up to AAL2 on the same session with a TOTP code', async () => {
    const d = await start()
    const { id } = await d.createIdentity({ email, password, totp: true })
    const jar = new Jar()
    const first = (await browserLogin(d, jar)).json<{ session: { id: string } }>()
    expect(await whoamiId(d, { cookie: jar.header() })).toBe(403)
    const flow = (
      await jar.fetch(`${d.publicUrl}/self-service/login/browser?aal=aal2`, {
        headers: { accept: 'application/json' },
      })
    ).json()
    const res = await jar.fetch((flow['ui'] as { action: string }).action, {
      method: 'POST',
      json: { method: 'totp', totp_code: d.totpCode(id), csrf_token: csrfTokenOf(flow) },
    })
    expect(res.status).toBe(200)
    expect(await whoamiId(d, { cookie: jar.header() })).toBe(first.session.id)
    expect(d.sessions()[0]!.aal).toBe('aal2')
  })
})

describe('API login and fixation', () => {
  it('returns the token, refuses browser-looking requests, and accepts Cloudflare cookies', async () => {
    const { d } = await setup()
    const ok = await apiLogin(d, { cookie: 'cf_clearance=x; __cflb=y' })
    expect(ok.status).toBe(200)
    expect(ok.body['session_token']).toMatch(/^ory_st_[a-zA-Z0-9]{32}$/)
    expect(await whoamiId(d, { 'x-session-token': ok.body['session_token'] })).toBe(
      ok.body['session'].id,
    )
    for (const headers of [{ origin: 'https://evil.example' }, { cookie: 'other=1' }]) {
      const refused = await apiLogin(d, headers)
      expect(refused.status).toBe(400)
      expect(refused.body['ui'].messages[0]!.type).toBe('error')
      expect(refused.body['error']).toBeUndefined()
    }
  })

  it('skips the API-flow browser check only in dev mode with DEV_DISABLE_API_FLOW_ENFORCEMENT', async () => {
    for (const [dev, status] of [
      [false, 400],
      [true, 200],
    ] as const) {
      const { d } = await setup({ dev, disableApiFlowEnforcement: true })
      expect((await apiLogin(d, { origin: 'https://app.example' })).status).toBe(status)
    }
  })

  it('never adopts a planted token unless sessionReusedOnLogin is on', async () => {
    const { d } = await setup()
    const planted = 'ory_st_' + 'A'.repeat(32)
    const login = await apiLogin(d, { 'x-session-token': planted })
    expect(login.body['session_token']).not.toBe(planted)
    expect(await whoamiId(d, { 'x-session-token': planted })).toBe(401)
    d.setWeakness('sessionReusedOnLogin', true)
    const fixed = await apiLogin(d, { 'x-session-token': planted })
    expect(fixed.body['session_token']).toBe(planted)
    expect(await whoamiId(d, { 'x-session-token': planted })).toBe(fixed.body['session'].id)
  })

  it('answers 400 + flow with message 4000006 on wrong credentials', async () => {
    const { d } = await setup()
    const res = await browserLogin(d, new Jar(), '', 'wrong password')
    expect(res.status).toBe(400)
    expect(res.json<{ ui: { messages: { id: number }[] } }>().ui.messages[0]!.id).toBe(4000006)
  })
})
