// `aegis probe --browser` as a user runs it: the built binary in its own process, real Chromium,
// against the Kratos double with the application double in front (--app-url).
import { afterEach, describe, expect, it } from 'vitest'
import { startAppDouble, type AppDouble } from '../../../../../test/support/app-double.ts'
import { runAegis } from '../../../../../test/support/cli.ts'
import {
  expectPng,
  hasChromium,
  withoutScreenshots,
} from '../../../../../test/support/probe-browser.ts'
import { checks } from '../../probe/checks/index.ts'

const browserIds = checks.filter((c) => c.meta.requires.includes('browser')).map((c) => c.id)
const appIds = ['browser-app-logout-revokes', 'browser-app-token-hidden']
const password = 'correct-horse-battery-staple-42'
const email = 'cli-probe@example.test'

let app: AppDouble | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

interface Report {
  units: { id: string; outcome: string; reason?: string }[]
  findings: { ruleId: string; message: string; evidence: { text: string; screenshot?: string }[] }[]
}

const probe = async (weak: boolean) => {
  app = await startAppDouble({
    kratos: { cookie: { name: '__Host-ory_kratos_session' }, blockAdminPathsOnPublic: true },
    ...(weak ? { weaknesses: { tokenInSessionStorage: true, logoutKeepsSession: true } } : {}),
  })
  await app.kratos.createIdentity({ email, password })
  const r = await runAegis(
    [
      'probe',
      '--public-url',
      app.kratos.publicUrl,
      '--admin-url',
      app.kratos.adminUrl,
      '--identity',
      `${email}:${password}`,
      '--browser',
      '--app-url',
      app.dashboardUrl,
      ...browserIds.flatMap((id) => ['--only', id]),
      '--format',
      'json',
    ],
    { timeoutMs: 180_000 },
  )
  return { ...r, report: JSON.parse(r.stdout || '{}') as Report }
}

/** Neither stream may carry the password, a session token or a long opaque value (a cookie). */
const expectNoSecret = (r: { stdout: string; stderr: string; report: Report }): void => {
  const withoutShots = withoutScreenshots(r.report)
  for (const text of [withoutShots, r.stderr]) {
    expect(text).not.toContain(password)
    expect(text).not.toMatch(/ory_st_[A-Za-z0-9]{32}/)
    expect(text).not.toMatch(/[A-Za-z0-9_-]{60,}/)
    for (const s of app!.kratos.sessions()) {
      expect(text).not.toContain(s.token.slice(7))
      expect(text).not.toContain(s.logoutToken.slice(7))
    }
  }
  expect(r.stdout).not.toContain(password)
}

describe.skipIf(!hasChromium)('aegis probe --browser (spawned)', () => {
  it('passes every browser check against a hardened Kratos and a secure app, exit 0', async () => {
    const r = await probe(false)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.report.units.map((u) => [u.id, u.outcome, u.reason ?? ''])).toEqual(
      [...browserIds].sort().map((id) => [id, 'pass', '']),
    )
    expectNoSecret(r)
    expect(app!.kratos.sessions().filter((s) => s.active)).toEqual([])
  }, 200_000)

  it('fails the app checks against a weak app with screenshots and no secret, exit 1', async () => {
    const r = await probe(true)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const failed = r.report.units.filter((u) => u.outcome !== 'pass').map((u) => u.id)
    expect(failed).toEqual(appIds)
    const byId = new Map(r.report.findings.map((f) => [f.ruleId, f]))
    expect(byId.get('browser-app-token-hidden')?.message).toMatch(
      /the Kratos session cookie value in sessionStorage "session" on http:\/\/127\.0\.0\.1:\d+/,
    )
    expect(byId.get('browser-app-logout-revokes')?.message).toMatch(
      /whoami still accepts the __Host-ory_kratos_session cookie/,
    )
    for (const id of appIds)
      expectPng(byId.get(id)?.evidence.find((e) => e.screenshot !== undefined)?.screenshot)
    expectNoSecret(r)
    // The weak app left its session open; the probe's cleanup ended it.
    expect(app!.kratos.sessions().filter((s) => s.active)).toEqual([])
  }, 200_000)
})

describe('aegis probe --app-login-path', () => {
  it('needs --app-url and a path of its origin, said in one line, exit 2', async () => {
    const alone = await runAegis([
      'probe',
      '--public-url',
      'http://127.0.0.1:9/',
      '--app-login-path',
      '/login',
    ])
    expect(alone.code).toBe(2)
    expect(alone.stderr).toMatch(/^aegis: --app-login-path needs --app-url \(AEGIS_USAGE\)\n/)
    const elsewhere = await runAegis([
      'probe',
      '--public-url',
      'http://127.0.0.1:9/',
      '--app-url',
      'http://127.0.0.1:8/dashboard',
      '--app-logout-path',
      'http://other.example/logout',
    ])
    expect(elsewhere.code).toBe(2)
    expect(elsewhere.stderr).toMatch(
      /^aegis: --app-logout-path must be a path of the --app-url origin, got 'http:\/\/other\.example\/logout' \(AEGIS_USAGE\)\n/,
    )
  })
})
