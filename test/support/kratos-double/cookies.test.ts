// Cookie attributes and CORS as configured, against FACTS.md §1.6, §4.1, §4.2 and §4.4.
import { afterEach, describe, expect, it } from 'vitest'
import { startKratosDouble, type DoubleOptions, type KratosDouble } from './index.ts'
import { browserLogin, Jar } from './jar.ts'

const doubles: KratosDouble[] = []
afterEach(async () => {
  await Promise.all(doubles.splice(0).map((d) => d.close()))
})
const user = { email: 'ada@example.test', password: 'correct horse 1' }

const loginCookies = async (options: DoubleOptions) => {
  const d = await startKratosDouble(options)
  doubles.push(d)
  await d.createIdentity(user)
  const res = await browserLogin(d.publicUrl, new Jar(), user)
  const find = (prefix: string) => res.setCookies.find((c) => c.startsWith(prefix)) ?? ''
  const session = find(`${d.sessionCookieName}=`)
  return { d, session, attrs: session.split('; ').slice(1), csrf: find(d.csrfCookieName) }
}

describe('session cookie attributes', () => {
  it.each<[string, DoubleOptions, string[]]>([
    ['defaults', {}, ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']],
    ['dev mode drops Secure', { dev: true }, ['Path=/', 'HttpOnly', 'SameSite=Lax']],
    [
      'session.cookie.secure "true" wins over dev',
      { dev: true, cookie: { secure: 'true' } },
      ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax'],
    ],
    [
      'an unparseable secure string silently means false',
      { cookie: { secure: 'yes' } },
      ['Path=/', 'HttpOnly', 'SameSite=Lax'],
    ],
    [
      'cookies.* fallbacks',
      { cookies: { domain: 'example.test', path: '/app', sameSite: 'Strict' } },
      ['Path=/app', 'Domain=example.test', 'HttpOnly', 'Secure', 'SameSite=Strict'],
    ],
    [
      'an empty session domain means none, even with cookies.domain',
      { cookie: { domain: '' }, cookies: { domain: 'example.test' } },
      ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax'],
    ],
    [
      'SameSite=None is emitted as is, even without Secure',
      { dev: true, cookie: { sameSite: 'None' } },
      ['Path=/', 'HttpOnly', 'SameSite=None'],
    ],
  ])('%s', async (_name, options, wanted) => {
    const { attrs } = await loginCookies(options)
    expect(attrs.filter((a) => !/^(Expires|Max-Age)=/.test(a))).toEqual(wanted)
    expect(attrs.some((a) => a.startsWith('Max-Age='))).toBe(true)
  })

  it('sets Max-Age to the seconds left and Expires to match; none when not persistent', async () => {
    const { attrs } = await loginCookies({ lifespan: '2h' })
    const maxAge = Number(attrs.find((a) => a.startsWith('Max-Age='))!.slice(8))
    expect(maxAge).toBeGreaterThanOrEqual(7199)
    expect(maxAge).toBeLessThanOrEqual(7200)
    const expires = Date.parse(attrs.find((a) => a.startsWith('Expires='))!.slice(8))
    expect(Math.abs(expires - (Date.now() + maxAge * 1000))).toBeLessThan(2000)
    const transient = await loginCookies({ cookie: { persistent: false } })
    expect(transient.attrs.some((a) => /^(Expires|Max-Age)=/.test(a))).toBe(false)
  })

  it('uses the configured name', async () => {
    const { d, session } = await loginCookies({ cookie: { name: '__Host-sid' } })
    expect(d.sessionCookieName).toBe('__Host-sid')
    expect(session).toMatch(/^__Host-sid=/)
  })
})

describe('CSRF cookie attributes', () => {
  it('forces SameSite=Lax when not Secure, and follows cookies.* otherwise', async () => {
    const dev = await loginCookies({ dev: true, cookies: { sameSite: 'None' } })
    expect(
      dev.csrf
        .split('; ')
        .slice(1)
        .filter((a) => !a.startsWith('Expires')),
    ).toEqual(['Path=/', 'Max-Age=31536000', 'HttpOnly', 'SameSite=Lax'])
    const prod = await loginCookies({ cookies: { sameSite: 'None', domain: 'example.test' } })
    expect(prod.csrf).toMatch(
      /; Domain=example.test; Expires=[^;]+; Max-Age=31536000; HttpOnly; Secure; SameSite=None$/,
    )
    // It does not follow session.cookie.* (FACTS §4.2).
    const own = await loginCookies({ cookie: { domain: 'session.test', path: '/s' } })
    expect(own.csrf).not.toContain('session.test')
    expect(own.csrf).toContain('Path=/;')
  })
})

describe('CORS', () => {
  const whoami = (d: KratosDouble, origin: string) =>
    fetch(`${d.publicUrl}/sessions/whoami`, { headers: { origin } })

  it('is off by default and echoes only allowed origins when enabled', async () => {
    const off = await startKratosDouble()
    const on = await startKratosDouble({
      cors: { enabled: true, allowedOrigins: ['https://app.example', 'https://*.example.org'] },
    })
    const open = await startKratosDouble({ cors: { enabled: true, allowedOrigins: [] } })
    doubles.push(off, on, open)
    expect(
      (await whoami(off, 'https://app.example')).headers.get('access-control-allow-origin'),
    ).toBeNull()
    expect(
      (await whoami(on, 'https://app.example')).headers.get('access-control-allow-origin'),
    ).toBe('https://app.example')
    expect(
      (await whoami(on, 'https://a.example.org')).headers.get('access-control-allow-origin'),
    ).toBe('https://a.example.org')
    expect(
      (await whoami(on, 'https://app.example.evil')).headers.get('access-control-allow-origin'),
    ).toBeNull()
    const any = await whoami(open, 'null')
    expect([
      any.headers.get('access-control-allow-origin'),
      any.headers.get('access-control-allow-credentials'),
    ]).toEqual(['null', 'true'])
  })

  it('answers preflights with 204 and the requested method and headers', async () => {
    const d = await startKratosDouble({ cors: { enabled: true } })
    doubles.push(d)
    const res = await fetch(`${d.publicUrl}/sessions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'x-session-token',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://evil.example')
    expect(res.headers.get('access-control-allow-methods')).toBe('DELETE')
    expect(res.headers.get('access-control-allow-headers')).toBe('x-session-token')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
  })
})
