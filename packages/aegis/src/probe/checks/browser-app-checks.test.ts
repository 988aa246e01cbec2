// The browser checks of the application in front of Kratos (--app-url), proven in the real system
// Chromium against the application double (test/support/app-double.ts): the secure app passes in
// both login styles, each weakness fails the check it exists for, with a screenshot and redacted
// evidence, and no session is left behind.
import { existsSync } from 'node:fs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  startAppDouble,
  type AppDouble,
  type AppDoubleOptions,
  type AppLoginStyle,
  type AppWeaknessName,
} from '../../../../../test/support/app-double.ts'
import type { DoubleOptions } from '../../../../../test/support/kratos-double/index.ts'
import {
  expectFailWithScreenshot,
  hasChromium,
  withoutScreenshots,
} from '../../../../../test/support/probe-browser.ts'
import type { RunResult } from '../../engine/finding.ts'
import { getProfile } from '../../profiles/index.ts'
import { renderHtml } from '../../report/html.ts'
import { createBrowserHandle } from '../browser/handle.ts'
import { runProbe, type ProbeOptions } from '../run-probe.ts'
import { checks } from './index.ts'

const ids = ['browser-app-token-hidden', 'browser-app-logout-revokes'] as const
const appChecks = checks.filter((c) => (ids as readonly string[]).includes(c.id))

const hardened: DoubleOptions = {
  cookie: { name: '__Host-ory_kratos_session' },
  blockAdminPathsOnPublic: true,
}
const password = 'correct-horse-battery-staple-42'
const email = 'probe@example.test'

const shared = createBrowserHandle()
// The runner closes a handle that has close(); this file shares one browser across its runs.
const handle = { launch: shared.launch }
afterAll(() => shared.close())

let app: AppDouble | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const probe = async (
  options: AppDoubleOptions,
  only: readonly string[] = ids,
  extra: Partial<ProbeOptions> = {},
): Promise<RunResult> => {
  app = await startAppDouble({ ...options, kratos: hardened })
  await app.kratos.createIdentity({ email, password })
  return runProbe({
    target: {
      publicUrl: new URL(app.kratos.publicUrl),
      adminUrl: new URL(app.kratos.adminUrl),
      appUrl: new URL(app.dashboardUrl),
    },
    checks: appChecks.filter((c) => only.includes(c.id)),
    profile: getProfile('baseline'),
    identity: `${email}:${password}`,
    browser: handle,
    checkTimeoutMs: 60_000,
    ...extra,
  })
}

/** The result as text, screenshots left out: no password, token or cookie value may be in it. */
const expectNoSecret = (result: RunResult, a: AppDouble): void => {
  const dump = withoutScreenshots(result)
  expect(dump).not.toContain(password)
  expect(dump).not.toMatch(/ory_st_[A-Za-z0-9]{32}/)
  for (const s of a.kratos.sessions()) {
    expect(dump).not.toContain(s.token.slice(7))
    // The cookie value Kratos would encode for this session is fresh each time; the codec's
    // output is long base64url, which the redactor masks (no 40+ character run survives).
  }
  expect(dump).not.toMatch(/[A-Za-z0-9_-]{60,}/)
}

const expectFailWithShot = (result: RunResult, id: string, message: RegExp): void => {
  const shot = expectFailWithScreenshot(result, id, message)
  // The HTML report embeds the screenshot as a data: URL.
  expect(renderHtml(result, {})).toContain(`src="data:image/png;base64,${shot}"`)
}

describe.skipIf(!hasChromium)('application browser checks', () => {
  it.each(['browser-flow', 'server-proxy'] as const)(
    'pass against the secure app (%s login) and leave no session behind',
    async (login) => {
      const result = await probe({ login })
      expect(result.units.map((u) => [u.id, u.outcome, u.reason ?? ''])).toEqual(
        [...ids].sort().map((id) => [id, 'pass', '']),
      )
      expect(app!.kratos.sessions().filter((s) => s.active)).toEqual([])
      expectNoSecret(result, app!)
    },
    120_000,
  )

  const leaks: readonly [AppWeaknessName, AppLoginStyle, RegExp][] = [
    ['tokenInLocalStorage', 'browser-flow', /the Kratos session cookie value in localStorage "session" on http:\/\/127\.0\.0\.1:\d+/],
    ['tokenInSessionStorage', 'browser-flow', /the Kratos session cookie value in sessionStorage "session" on http:\/\/127\.0\.0\.1:\d+/],
    ['tokenInScriptCookie', 'browser-flow', /the Kratos session cookie value in the cookie app_token \(not HttpOnly, 127\.0\.0\.1\/\)/],
    ['tokenInHtml', 'browser-flow', /the Kratos session cookie value in the HTML of http:\/\/127\.0\.0\.1:\d+\/dashboard/],
    ['tokenInLocalStorage', 'server-proxy', /an ory_st_ session token in localStorage "session"/],
    ['tokenInHtml', 'server-proxy', /an ory_st_ session token in the HTML of http:\/\/127\.0\.0\.1:\d+\/dashboard/],
  ] // prettier-ignore

  it.each(leaks)(
    'browser-app-token-hidden fails with %s (%s login), naming where',
    async (weakness, login, where) => {
      const result = await probe({ login, weaknesses: { [weakness]: true } }, [
        'browser-app-token-hidden',
      ])
      expectFailWithShot(result, 'browser-app-token-hidden', where)
      expectNoSecret(result, app!)
      expect(app!.kratos.sessions().filter((s) => s.active)).toEqual([])
    },
    60_000,
  )

  it.each([
    ['browser-flow', /whoami still accepts the __Host-ory_kratos_session cookie held before/],
    ['server-proxy', /the Kratos session it opened is still active/],
  ] as const)(
    'browser-app-logout-revokes fails when logout never revokes (%s login)',
    async (login, message) => {
      const result = await probe({ login, weaknesses: { logoutKeepsSession: true } }, [
        'browser-app-logout-revokes',
      ])
      expectFailWithShot(result, 'browser-app-logout-revokes', message)
      expectNoSecret(result, app!)
      const finding = result.findings[0]!
      expect(finding.evidence?.some((e) => /clicked the sign-out control/.test(e.text))).toBe(true)
      // Cleanup still ends the session the weak app left open.
      expect(app!.kratos.sessions().filter((s) => s.active)).toEqual([])
    },
    60_000,
  )

  it('ends the session a weak app left open also without --admin-url (Kratos logout with the cookie)', async () => {
    app = await startAppDouble({ weaknesses: { logoutKeepsSession: true }, kratos: hardened })
    await app.kratos.createIdentity({ email, password })
    const result = await runProbe({
      target: { publicUrl: new URL(app.kratos.publicUrl), appUrl: new URL(app.dashboardUrl) },
      checks: appChecks,
      profile: getProfile('baseline'),
      identity: `${email}:${password}`,
      browser: handle,
      checkTimeoutMs: 60_000,
    })
    expect(result.units.map((u) => [u.id, u.outcome])).toEqual([
      ['browser-app-logout-revokes', 'fail'],
      ['browser-app-token-hidden', 'pass'],
    ])
    expect(app.kratos.sessions().filter((s) => s.active)).toEqual([])
  }, 90_000)

  it('is an error when no login form is found, naming what it opened', async () => {
    // The landing page needs no session and /nowhere has no form: nothing leads to a login.
    app = await startAppDouble({ kratos: hardened })
    await app.kratos.createIdentity({ email, password })
    const result = await runProbe({
      target: { publicUrl: new URL(app.kratos.publicUrl), appUrl: new URL(`${app.url}/`) },
      checks: appChecks,
      profile: getProfile('baseline'),
      identity: `${email}:${password}`,
      browser: handle,
      appLoginPath: '/nowhere',
    })
    for (const u of result.units) {
      expect(u.outcome).toBe('error')
      expect(u.reason).toMatch(/did not succeed \(found no login form .*\); set --app-login-path/)
    }
  }, 60_000)

  it('skips the logout check for a server-side session without --admin-url', async () => {
    app = await startAppDouble({ login: 'server-proxy', kratos: hardened })
    await app.kratos.createIdentity({ email, password })
    const result = await runProbe({
      target: { publicUrl: new URL(app.kratos.publicUrl), appUrl: new URL(app.dashboardUrl) },
      checks: appChecks.filter((c) => c.id === 'browser-app-logout-revokes'),
      profile: getProfile('baseline'),
      identity: `${email}:${password}`,
      browser: handle,
    })
    expect(result.units[0]?.outcome).toBe('skipped')
    expect(result.units[0]?.reason).toMatch(/keeps the Kratos session on its server .* --admin-url/)
  }, 60_000)
})

describe('application browser checks without --app-url or --browser', () => {
  it('are skipped, saying what they need', async () => {
    app = await startAppDouble({ kratos: hardened })
    const result = await runProbe({
      target: { publicUrl: new URL(app.kratos.publicUrl) },
      checks: appChecks,
      profile: getProfile('baseline'),
      identity: `${email}:${password}`,
      browser: handle,
    })
    expect(result.units.map((u) => u.reason)).toEqual(['needs --app-url', 'needs --app-url'])
    const noBrowser = await runProbe({
      target: { publicUrl: new URL(app.kratos.publicUrl), appUrl: new URL(app.dashboardUrl) },
      checks: appChecks,
      profile: getProfile('baseline'),
      identity: `${email}:${password}`,
    })
    expect(noBrowser.units.map((u) => u.reason)).toEqual(['needs --browser', 'needs --browser'])
  })

  it.each(ids)('%s has its doc page', (id) => {
    expect(existsSync(new URL(`../../../../../docs/checks/${id}.md`, import.meta.url))).toBe(true)
  })
})
