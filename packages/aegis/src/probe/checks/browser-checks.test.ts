// Every browser check is proven both ways in the real system Chromium (one browser for this file):
// it passes against the hardened double and fails, with a screenshot and redacted evidence,
// against the double with the weakness it exists to find.
import type { ServerResponse } from 'node:http'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startKratosDouble,
  type DoubleOptions,
  type KratosDouble,
} from '../../../../../test/support/kratos-double/index.ts'
import {
  expectFailWithScreenshot,
  hasChromium,
  withoutScreenshots,
} from '../../../../../test/support/probe-browser.ts'
import { getProfile } from '../../profiles/index.ts'
import { networkRedactor } from '../../redact/redactor.ts'
import { scrubPage } from '../browser/evidence.ts'
import type { BrowserTools } from '../browser/handle.ts'
import { createBrowserHandle } from '../browser/handle.ts'
import { runProbe } from '../run-probe.ts'
import { checks } from './index.ts'

// Browser checks of the application in front of Kratos are proven in browser-app-checks.test.ts.
const browserChecks = checks.filter(
  (c) => c.meta.requires.includes('browser') && !c.meta.requires.includes('app'),
)

const hardened: DoubleOptions = {
  cookie: { name: '__Host-ory_kratos_session' },
  blockAdminPathsOnPublic: true,
  lifespan: '12h',
}
const password = 'correct-horse-battery-staple-42'

/** A proxy in front of Kratos that drops SameSite from Set-Cookie (Kratos always writes it). */
const stripSameSite: DoubleOptions['extraRoutes'] = (_req, res: ServerResponse) => {
  const set = res.setHeader.bind(res)
  res.setHeader = (name: string, value: number | string | readonly string[]) => {
    if (name.toLowerCase() !== 'set-cookie') return set(name, value)
    const strip = (v: string): string => v.replace(/;\s*SameSite=\w+/i, '')
    return set(name, Array.isArray(value) ? value.map(strip) : strip(String(value)))
  }
  return false
}

const weakened: readonly [string, DoubleOptions, RegExp][] = [
  ['browser-session-cookie-hidden', { ...hardened, weaknesses: { cookieNotHttpOnly: true } }, /document\.cookie/],
  ['browser-cross-site-cookie-withheld', { ...hardened, weaknesses: { sameSiteNone: true } }, /form-post, fetch, img; SameSite=None/],
  ['browser-cross-site-cookie-withheld', { ...hardened, extraRoutes: stripSameSite }, /two minutes after login/],
  ['browser-plain-http-cookie-dropped', { dev: true }, /not Secure: over plain HTTP on aegis-test\.example/],
  ['browser-logout-clears-cookie', { ...hardened, weaknesses: { logoutDoesNotRevoke: true } }, /still accepted/],
  ['browser-cookie-prefix-accepted', { ...hardened, hostname: 'localhost', weaknesses: { cookieDomainParent: true } }, /dropped __Host-ory_kratos_session \(Domain=localhost\)/],
  ['browser-cookie-prefix-accepted', { ...hardened, dev: true }, /dropped __Host-ory_kratos_session \(no Secure\)/],
] // prettier-ignore

const shared = createBrowserHandle()
// The runner closes a handle that has close(); this file shares one browser across its runs.
const handle = { launch: shared.launch }
afterAll(() => shared.close())

const probe = async (kratos: KratosDouble, ids: readonly string[]) => {
  await kratos.createIdentity({ email: 'probe@example.test', password })
  return runProbe({
    target: { publicUrl: new URL(kratos.publicUrl), adminUrl: new URL(kratos.adminUrl) },
    checks: checks.filter((c) => ids.includes(c.id)),
    profile: getProfile('baseline'),
    identity: `probe@example.test:${password}`,
    browser: handle,
    checkTimeoutMs: 60_000,
  })
}

describe.skipIf(!hasChromium)('browser checks', () => {
  describe('against the hardened double', () => {
    let kratos: KratosDouble
    beforeAll(async () => {
      kratos = await startKratosDouble(hardened)
    })
    afterAll(() => kratos.close())

    it('pass, every one of them, and leave no session behind', async () => {
      const result = await probe(
        kratos,
        browserChecks.map((c) => c.id),
      )
      const notPassed = result.units
        .filter((u) => u.outcome !== 'pass')
        .map((u) => `${u.id}: ${u.reason ?? ''}`)
      expect(notPassed).toEqual([])
      expect(result.units).toHaveLength(browserChecks.length)
      expect(kratos.sessions().filter((s) => s.active)).toEqual([])
    }, 120_000)
  })

  describe.each(weakened)('%s against its weakness', (id, options, message) => {
    let kratos: KratosDouble
    beforeAll(async () => {
      kratos = await startKratosDouble(options)
    })
    afterAll(() => kratos.close())

    it(`fails with ${String(message)}, a screenshot and redacted evidence`, async () => {
      const result = await probe(kratos, [id])
      expectFailWithScreenshot(result, id, message)
      const dump = withoutScreenshots(result)
      expect(dump).not.toContain(password)
      for (const s of kratos.sessions()) expect(dump).not.toContain(s.token.slice(7))
      expect(
        kratos.sessions().filter((s) => s.active && id !== 'browser-logout-clears-cookie'),
      ).toEqual([])
    }, 60_000)
  })
})

describe.skipIf(!hasChromium)('screenshot evidence', () => {
  /** A fresh page of the shared browser, its context closed afterwards. */
  const withPage = async (use: (page: Page) => Promise<void>): Promise<void> => {
    const context = await ((await shared.launch()) as BrowserTools).newContext()
    try {
      await use(await context.newPage())
    } finally {
      await context.close()
    }
  }

  it('scrubs known secrets and ory_ tokens from the page before the picture', () =>
    withPage(async (page) => {
      const token = `ory_st_${'a1B2c3D4'.repeat(4)}`
      await page.setContent(
        `<p id="t">token ${token} cookie s3cr3t-cookie-value</p><input id="i" value="s3cr3t-cookie-value">`,
      )
      const redactor = networkRedactor()
      redactor.remember('s3cr3t-cookie-value')
      await scrubPage(page, redactor)
      expect(await page.textContent('#t')).toBe('token ory_st_[redacted] cookie [redacted]')
      expect(await page.inputValue('#i')).toBe('[redacted]')
    }))

  // The page is redacted as text evidence is: secret shapes nobody remembered go too (a JWT the
  // application prints, a password in a URL), which a scrubber of remembered values and ory_
  // tokens alone left in the picture.
  it('masks the secret shapes text evidence masks', () =>
    withPage(async (page) => {
      const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz'
      await page.setContent(
        `<p id="t">id_token ${jwt} at https://probe:hunter22@admin.example/x</p>`,
      )
      await scrubPage(page, networkRedactor())
      expect(await page.textContent('#t')).toBe(
        'id_token [redacted] at https://probe:[redacted]@admin.example/x',
      )
    }))

  it('scrubs the frames in the page too', () =>
    withPage(async (page) => {
      const token = `ory_st_${'a1B2c3D4'.repeat(4)}`
      await page.setContent(`<iframe srcdoc="<p id='t'>token ${token}</p>"></iframe>`)
      await scrubPage(page, networkRedactor())
      expect(await page.frames()[1]?.textContent('#t')).toBe('token ory_st_[redacted]')
    }))

  it('scrubs open shadow roots too', () =>
    withPage(async (page) => {
      const token = `ory_st_${'a1B2c3D4'.repeat(4)}`
      await page.setContent(
        `<div id="host"></div><script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<p id="t">token ${token}</p><input id="i" value="${token}">'</script>`,
      )
      await scrubPage(page, networkRedactor())
      expect(await page.textContent('#t')).toBe('token ory_st_[redacted]')
      expect(await page.inputValue('#i')).toBe('ory_st_[redacted]')
    }))
})

describe('without --browser', () => {
  it('skips every browser check with the reason', async () => {
    const kratos = await startKratosDouble(hardened)
    try {
      const result = await runProbe({
        target: { publicUrl: new URL(kratos.publicUrl) },
        checks: browserChecks,
        profile: getProfile('baseline'),
      })
      expect(result.units.map((u) => [u.outcome, u.reason])).toEqual(
        browserChecks.map(() => ['skipped', 'needs --browser']),
      )
    } finally {
      await kratos.close()
    }
  })
})
