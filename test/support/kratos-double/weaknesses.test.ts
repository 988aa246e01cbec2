// Every weakness switch changes exactly what it names: each is observed off and on. The table is a
// Record over WeaknessName, so adding a switch without a test here does not type-check.
import { afterEach, describe, expect, it } from 'vitest'
import { startKratosDouble, weaknessNames, type KratosDouble, type WeaknessName } from './index.ts'
import { apiLogin, browserLogin, csrfTokenOf, Jar } from './jar.ts'

const doubles: KratosDouble[] = []
afterEach(async () => {
  await Promise.all(doubles.splice(0).map((d) => d.close()))
})
const user = { email: 'ada@example.test', password: 'correct horse 1' }

const sessionSetCookie = async (d: KratosDouble): Promise<string> => {
  const res = await browserLogin(d.publicUrl, new Jar(), user)
  return res.setCookies.find((c) => c.startsWith('ory_kratos_session=')) ?? ''
}

const whoamiStatus = async (d: KratosDouble, headers: Record<string, string>): Promise<number> =>
  (await fetch(`${d.publicUrl}/sessions/whoami`, { headers })).status

type Observe = (d: KratosDouble, identityId: string) => Promise<unknown>

const observe: Record<WeaknessName, Observe> = {
  cookieNotHttpOnly: async (d) => (await sessionSetCookie(d)).includes('; HttpOnly'),
  cookieNotSecure: async (d) => (await sessionSetCookie(d)).includes('; Secure'),
  sameSiteNone: async (d) => /SameSite=(\w+)/.exec(await sessionSetCookie(d))?.[1],
  cookieDomainParent: async (d) => /Domain=([^;]+)/.exec(await sessionSetCookie(d))?.[1] ?? null,
  sessionReusedOnLogin: async (d) => {
    const planted = `ory_st_${'B'.repeat(32)}`
    return (await apiLogin(d.publicUrl, user, { 'x-session-token': planted })).token === planted
  },
  logoutDoesNotRevoke: async (d) => {
    const jar = new Jar()
    await browserLogin(d.publicUrl, jar, user)
    const stolen = jar.header()
    const { logout_url } = (
      await jar.fetch(`${d.publicUrl}/self-service/logout/browser`, {
        headers: { accept: 'application/json' },
      })
    ).json<{ logout_url: string }>()
    await jar.fetch(logout_url)
    return whoamiStatus(d, { cookie: stolen })
  },
  apiLogoutDoesNotRevoke: async (d) => {
    const { token = '' } = await apiLogin(d.publicUrl, user)
    await fetch(`${d.publicUrl}/self-service/logout/api`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_token: token }),
    })
    return whoamiStatus(d, { 'x-session-token': token })
  },
  revokeIsCached: async (d, identityId) => {
    const s = await d.createSession(identityId)
    await whoamiStatus(d, { 'x-session-token': s.token })
    await fetch(`${d.adminUrl}/admin/sessions/${s.id}`, { method: 'DELETE' })
    return whoamiStatus(d, { 'x-session-token': s.token })
  },
  corsReflectAnyOrigin: async (d, identityId) => {
    const s = await d.createSession(identityId)
    const res = await fetch(`${d.publicUrl}/sessions/whoami`, {
      headers: { cookie: s.cookie, origin: 'https://evil.example' },
    })
    return [
      res.headers.get('access-control-allow-origin'),
      res.headers.get('access-control-allow-credentials'),
    ]
  },
  csrfNotChecked: async (d) =>
    (await browserLogin(d.publicUrl, new Jar(), user, { csrf: false })).status,
  tokenInUrl: async (d) =>
    (await browserLogin(d.publicUrl, new Jar(), user, { json: false })).headers
      .get('location')
      ?.includes('ory_st_'),
  tokenInBrowserBody: async (d) =>
    (await browserLogin(d.publicUrl, new Jar(), user)).text.includes('ory_st_'),
  noCacheControl: async (d, identityId) => {
    const s = await d.createSession(identityId)
    return (
      await fetch(`${d.publicUrl}/sessions/whoami`, { headers: { cookie: s.cookie } })
    ).headers.get('cache-control')
  },
  adminOnPublic: async (d) =>
    (await fetch(`${d.publicUrl}/admin/identities`, { redirect: 'manual' })).status,
  openRedirect: async (d) =>
    (
      await fetch(
        `${d.publicUrl}/self-service/login/browser?return_to=${encodeURIComponent('https://evil.example/')}`,
        {
          headers: { accept: 'application/json' },
        },
      )
    ).status,
  longLifespan: async (d, identityId) => {
    await d.createSession(identityId)
    const s = d.sessions().at(-1)!
    return (s.expiresAt.getTime() - s.issuedAt.getTime()) / 3600_000
  },
  passwordChangeKeepsSessions: async (d, identityId) => {
    const other = await d.createSession(identityId)
    const jar = new Jar()
    await browserLogin(d.publicUrl, jar, user)
    const flow = (
      await jar.fetch(`${d.publicUrl}/self-service/settings/browser`, {
        headers: { accept: 'application/json' },
      })
    ).json()
    await jar.fetch((flow['ui'] as { action: string }).action, {
      method: 'POST',
      json: { method: 'password', password: 'a brand new password', csrf_token: csrfTokenOf(flow) },
    })
    return whoamiStatus(d, { 'x-session-token': other.token })
  },
  acceptsPlainHttp: async (d, identityId) => {
    const s = await d.createSession(identityId)
    return (
      await fetch(`${d.publicUrl}/sessions/whoami`, {
        headers: { cookie: s.cookie, 'x-forwarded-proto': 'http' },
        redirect: 'manual',
      })
    ).status
  },
  noHsts: async (d) =>
    (await fetch(`${d.publicUrl}/health/alive`)).headers.get('strict-transport-security'),
}

const expected: Record<WeaknessName, [unknown, unknown]> = {
  cookieNotHttpOnly: [true, false],
  cookieNotSecure: [true, false],
  sameSiteNone: ['Lax', 'None'],
  cookieDomainParent: [null, '127.0.0.1'],
  sessionReusedOnLogin: [false, true],
  logoutDoesNotRevoke: [401, 200],
  apiLogoutDoesNotRevoke: [401, 200],
  revokeIsCached: [401, 200],
  corsReflectAnyOrigin: [
    [null, null],
    ['https://evil.example', 'true'],
  ],
  csrfNotChecked: [403, 200],
  tokenInUrl: [false, true],
  tokenInBrowserBody: [false, true],
  noCacheControl: ['private, no-cache, no-store, must-revalidate', null],
  adminOnPublic: [307, 200],
  openRedirect: [400, 200],
  longLifespan: [24, 8760],
  passwordChangeKeepsSessions: [401, 200],
  acceptsPlainHttp: [308, 200],
  noHsts: ['max-age=31536000; includeSubDomains', null],
}

describe('weakness switches', () => {
  it.each(weaknessNames.map((n) => [n]))(
    '%s is off by default and observable when on',
    async (name) => {
      const results: unknown[] = []
      for (const on of [false, true]) {
        const d = await startKratosDouble({ weaknesses: { [name]: on } })
        doubles.push(d)
        const { id } = await d.createIdentity(user)
        results.push(await observe[name](d, id))
      }
      expect(results).toEqual(expected[name])
    },
  )
})
