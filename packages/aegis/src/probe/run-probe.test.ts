import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import {
  startKratosDouble,
  type KratosDouble,
} from '../../../../test/support/kratos-double/index.ts'
import { AegisError } from '../errors.ts'
import { getProfile } from '../profiles/index.ts'
import { createBrowserHandle } from './browser/handle.ts'
import { runInBrowser } from './browser/run-in-browser.ts'
import { checks as allChecks } from './checks/index.ts'
import { ProbeClient } from './client.ts'
import { defineCheck } from './define-check.ts'
import { runProbe } from './run-probe.ts'

let kratos: KratosDouble | undefined
afterEach(async () => {
  await kratos?.close()
  kratos = undefined
})

const baseline = getProfile('baseline')
// The runner's behaviour is shown on two checks; checks.test.ts covers every check.
const checks = allChecks.filter((c) =>
  ['cors-credentials-origin', 'session-cookie-attributes'].includes(c.id),
)
const password = 'correct-horse-battery-staple-42'

const probe = async (k: KratosDouble, extra: Partial<Parameters<typeof runProbe>[0]> = {}) => {
  const { id } = await k.createIdentity({ email: 'probe@example.test', password })
  expect(id).toBeTruthy()
  return runProbe({
    target: { publicUrl: new URL(k.publicUrl), adminUrl: new URL(k.adminUrl) },
    checks,
    profile: baseline,
    identity: `probe@example.test:${password}`,
    ...extra,
  })
}

describe('runProbe', () => {
  it('clears every check against a hardened Kratos and leaves no session behind', async () => {
    kratos = await startKratosDouble()
    const result = await probe(kratos)
    expect(result.kind).toBe('probe')
    expect(result.units.map((u) => [u.id, u.outcome])).toEqual(checks.map((c) => [c.id, 'pass']))
    // Each pass keeps what it observed (QA M2).
    expect(result.units.map((u) => u.message)).toEqual([
      'no hostile origin was allowed with credentials',
      'the session cookie is HttpOnly, Secure, SameSite and host-only',
    ])
    expect(result.findings).toEqual([])
    expect(kratos.sessions().filter((s) => s.active)).toEqual([])
  })

  it('proves the weaknesses of a weakened Kratos, with redacted evidence', async () => {
    kratos = await startKratosDouble({
      weaknesses: { cookieNotHttpOnly: true, corsReflectAnyOrigin: true },
    })
    const result = await probe(kratos)
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual([
      'cors-credentials-origin',
      'session-cookie-attributes',
    ])
    const cookie = result.findings.find((f) => f.ruleId === 'session-cookie-attributes')!
    expect(cookie.message).toContain('no HttpOnly')
    expect(cookie.origin).toBe('probe')
    expect(
      cookie.evidence!.some((e) => /set-cookie: ory_kratos_session=\[redacted\]/.test(e.text)),
    ).toBe(true)
    const dump = JSON.stringify(result)
    expect(dump).not.toContain(password)
    expect(dump).not.toMatch(/ory_st_[A-Za-z0-9]{32}/)
    for (const s of kratos.sessions()) expect(dump).not.toContain(s.token)
  })

  it('creates its own identity with --create-identity and deletes it with its sessions', async () => {
    kratos = await startKratosDouble()
    const before = kratos.identities().length
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl), adminUrl: new URL(kratos.adminUrl) },
      checks,
      profile: baseline,
      createIdentity: true,
    })
    expect(result.units.every((u) => u.outcome === 'pass')).toBe(true)
    expect(kratos.identities()).toHaveLength(before)
    expect(kratos.sessions()).toEqual([])
  })

  it('skips checks whose requirements are missing, saying why', async () => {
    kratos = await startKratosDouble()
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl) },
      checks,
      profile: baseline,
    })
    const cookie = result.units.find((u) => u.id === 'session-cookie-attributes')!
    expect(cookie.outcome).toBe('skipped')
    expect(cookie.reason).toMatch(/--identity/)
  })

  it('cleans up even when the run is interrupted', async () => {
    kratos = await startKratosDouble()
    const stop = new AbortController()
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl), adminUrl: new URL(kratos.adminUrl) },
      checks,
      profile: baseline,
      createIdentity: true,
      signal: stop.signal,
      onProgress: ({ done }) => {
        if (done === 1) stop.abort()
      },
    })
    expect(result.units.length).toBeLessThan(checks.length + 1)
    expect(kratos.identities()).toHaveLength(0)
    expect(kratos.sessions()).toEqual([])
  })
})

describe('runProbe tool errors before any check (QA M5)', () => {
  it('stops with AEGIS_IDENTITY_LOGIN_FAILED when --identity cannot log in, naming the flag, not the password', async () => {
    kratos = await startKratosDouble()
    await kratos.createIdentity({ email: 'probe@example.test', password })
    const wrong = 'wrong-password-CANARY-77'
    const error = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl) },
      checks,
      profile: baseline,
      identity: `probe@example.test:${wrong}`,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AegisError)
    const e = error as AegisError
    expect(e.code).toBe('AEGIS_IDENTITY_LOGIN_FAILED')
    expect(e.message).toContain('--identity could not log in')
    expect(e.hint).toContain('--identity')
    expect(`${e.message} ${e.hint ?? ''}`).not.toContain(wrong)
  })

  it('stops with AEGIS_IDENTITY_CREATE_FAILED when the admin API does not create the identity', async () => {
    kratos = await startKratosDouble()
    // --admin-url pointing at the public port: Kratos redirects admin paths there (307).
    const error = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl), adminUrl: new URL(kratos.publicUrl) },
      checks,
      profile: baseline,
      createIdentity: true,
    }).catch((e: unknown) => e)
    expect((error as AegisError).code).toBe('AEGIS_IDENTITY_CREATE_FAILED')
    expect((error as AegisError).message).toBe(
      '--create-identity: the admin API answered 307 to POST /admin/identities',
    )
    expect(kratos.identities()).toHaveLength(0)
  })

  it('does not log in when no selected check needs the identity', async () => {
    kratos = await startKratosDouble()
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl) },
      checks: allChecks.filter((c) => c.id === 'cors-credentials-origin'),
      profile: baseline,
      identity: 'nobody@example.test:not-checked',
    })
    expect(result.units.map((u) => u.outcome)).toEqual(['pass'])
    expect(kratos.sessions()).toEqual([])
  })

  /** A browser check with a created identity over `browser`: what runProbe threw. */
  const browserProbeError = async (
    k: KratosDouble,
    browser: Parameters<typeof runProbe>[0]['browser'],
  ): Promise<unknown> =>
    runProbe({
      target: { publicUrl: new URL(k.publicUrl), adminUrl: new URL(k.adminUrl) },
      checks: allChecks.filter((c) => c.id === 'browser-session-cookie-hidden'),
      profile: baseline,
      createIdentity: true,
      browser,
    }).catch((e: unknown) => e)

  it('stops with AEGIS_BROWSER_UNAVAILABLE when Chromium cannot start, and still deletes its identity', async () => {
    kratos = await startKratosDouble()
    const error = await browserProbeError(
      kratos,
      createBrowserHandle({ executablePath: '/nonexistent/chromium' }),
    )
    expect((error as AegisError).code).toBe('AEGIS_BROWSER_UNAVAILABLE')
    expect(kratos.identities()).toHaveLength(0)
    expect(kratos.sessions()).toEqual([])
  })

  it('names a failing browser handle as such, not as Chromium, and still deletes its identity', async () => {
    kratos = await startKratosDouble()
    const error = await browserProbeError(kratos, {
      launch: () => Promise.reject(new Error('listen EADDRINUSE 127.0.0.1')),
    })
    expect(error).toMatchObject({
      code: 'AEGIS_BROWSER_UNAVAILABLE',
      message: 'the browser handle did not start: listen EADDRINUSE 127.0.0.1',
    })
    expect(kratos.identities()).toHaveLength(0)
  })

  it('cleans up after the request budget is used up (cleanup is not counted)', async () => {
    kratos = await startKratosDouble()
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl), adminUrl: new URL(kratos.adminUrl) },
      checks,
      profile: baseline,
      createIdentity: true,
      budget: 5,
    })
    expect(
      result.units.some((u) => u.outcome === 'error' && /budget of 5/.test(u.reason ?? '')),
    ).toBe(true)
    expect(kratos.identities()).toHaveLength(0)
    expect(kratos.sessions()).toEqual([])
  })
})

describe('runProbe when a check throws', () => {
  it('records an error for that check, runs the rest, and still removes what it made', async () => {
    kratos = await startKratosDouble()
    const throwing = defineCheck({
      id: 'always-throws',
      meta: { ...checks[0]!.meta, requires: ['identity'] },
      run: async (ctx) => {
        await ctx.login('api')
        throw new Error('boom after a login')
      },
    })
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl), adminUrl: new URL(kratos.adminUrl) },
      checks: [throwing, ...checks],
      profile: baseline,
      createIdentity: true,
    })
    const unit = result.units.find((u) => u.id === 'always-throws')!
    expect(unit.outcome).toBe('error')
    expect(unit.reason).toBe('boom after a login')
    expect(result.units.filter((u) => u.outcome === 'pass')).toHaveLength(checks.length)
    expect(kratos.identities()).toHaveLength(0)
    expect(kratos.sessions()).toEqual([])
  })
})

describe('runProbe time budget per check', () => {
  it('ends a check that outlives its budget as an error and lets its cleanup run', async () => {
    kratos = await startKratosDouble()
    let cleaned = false
    // Ignores its signal, as a wait on a browser with its own longer timeout does.
    const slow = defineCheck({
      id: 'slow-check',
      meta: { ...checks[0]!.meta, requires: [] },
      run: async () => {
        try {
          await new Promise((r) => setTimeout(r, 2_500))
          return { outcome: 'pass', message: 'finished late' }
        } finally {
          cleaned = true
        }
      },
    })
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl) },
      checks: [slow],
      profile: baseline,
      checkTimeoutMs: 1_000,
    })
    expect(result.units.map((u) => [u.id, u.outcome, u.reason])).toEqual([
      ['slow-check', 'error', 'timed out after 1 s'],
    ])
    expect(cleaned).toBe(true)
  })

  it('closes the browser context of a check that runs out of time', async () => {
    kratos = await startKratosDouble()
    await kratos.createIdentity({ email: 'probe@example.test', password })
    let opened: Page | undefined
    const stuck = defineCheck({
      id: 'stuck-browser-check',
      meta: { ...checks[0]!.meta, requires: ['identity', 'browser'] },
      run: (ctx) =>
        runInBrowser(ctx, async ({ page }) => {
          opened = page
          // Waits far beyond the budget unless the page goes away.
          await page.waitForFunction(() => false, undefined, { timeout: 120_000 })
          return { outcome: 'pass', message: 'unreachable' }
        }),
    })
    const browser = createBrowserHandle()
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl) },
      checks: [stuck],
      profile: baseline,
      identity: `probe@example.test:${password}`,
      browser,
      checkTimeoutMs: 5_000,
    })
    expect(result.units.map((u) => [u.outcome, u.reason])).toEqual([
      ['error', 'timed out after 5 s'],
    ])
    expect(opened?.isClosed()).toBe(true)
  }, 60_000)
})

describe('runProbe cleanup without --admin-url', () => {
  it('ends cookie-only sessions with Kratos browser logout (HTTP browser login)', async () => {
    kratos = await startKratosDouble()
    await kratos.createIdentity({ email: 'probe@example.test', password })
    const browserLogin = defineCheck({
      id: 'browser-login-only',
      meta: { ...checks[0]!.meta, requires: ['identity'] },
      run: async (ctx) => {
        const s = await ctx.login('browser')
        return { outcome: 'pass', message: `logged in with a cookie: ${s.cookie !== undefined}` }
      },
    })
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl) },
      checks: [browserLogin],
      profile: baseline,
      identity: `probe@example.test:${password}`,
    })
    expect(result.units[0]?.message).toBe('logged in with a cookie: true')
    // The preflight API login and the browser login: both opened, both ended.
    expect(kratos.sessions()).toHaveLength(2)
    expect(kratos.sessions().filter((s) => s.active)).toEqual([])
  })

  it('ends the session of a real-browser login the same way', async () => {
    kratos = await startKratosDouble({ cookie: { name: '__Host-ory_kratos_session' } })
    await kratos.createIdentity({ email: 'probe@example.test', password })
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl) },
      checks: allChecks.filter((c) => c.id === 'browser-session-cookie-hidden'),
      profile: baseline,
      identity: `probe@example.test:${password}`,
      browser: createBrowserHandle(),
    })
    expect(result.units.map((u) => u.outcome)).toEqual(['pass'])
    expect(kratos.sessions().length).toBeGreaterThanOrEqual(2)
    expect(kratos.sessions().filter((s) => s.active)).toEqual([])
  }, 60_000)
})

describe('ProbeClient', () => {
  it('refuses hosts the user did not name', async () => {
    const http = new ProbeClient({
      allowedOrigins: [new URL('http://127.0.0.1:9')],
      timeoutMs: 1000,
      budget: 5,
    })
    await expect(http.request({ url: 'http://localhost:9/x' })).rejects.toThrow(
      /refused to send a request to http:\/\/localhost:9/,
    )
  })

  it('explains a refusal caused by localhost vs 127.0.0.1 in Kratos URLs (QA N11)', async () => {
    const http = new ProbeClient({
      allowedOrigins: [new URL('http://localhost:4433')],
      timeoutMs: 1000,
      budget: 5,
    })
    await expect(
      http.request({ url: 'http://127.0.0.1:4433/self-service/logout?token=x' }),
    ).rejects.toThrow(
      'refused to send a request to http://127.0.0.1:4433: Kratos builds its URLs from serve.public.base_url, which names 127.0.0.1:4433, while the probe was given localhost:4433; give the probe the same host (--public-url http://127.0.0.1:4433) or set serve.public.base_url to http://localhost:4433/',
    )
  })

  it('names the mismatch in the check that hit it, against a Kratos whose base URL is 127.0.0.1', async () => {
    kratos = await startKratosDouble()
    await kratos.createIdentity({ email: 'probe@example.test', password })
    const port = new URL(kratos.publicUrl).port
    const result = await runProbe({
      target: { publicUrl: new URL(`http://localhost:${port}`) },
      checks: allChecks.filter((c) => c.id === 'logout-browser-revokes'),
      profile: baseline,
      identity: `probe@example.test:${password}`,
    })
    expect(result.units[0]?.outcome).toBe('error')
    expect(result.units[0]?.reason).toContain(
      `which names 127.0.0.1:${port}, while the probe was given localhost:${port}`,
    )
  })

  it('stops at its request budget', async () => {
    kratos = await startKratosDouble()
    const http = new ProbeClient({
      allowedOrigins: [new URL(kratos.publicUrl)],
      timeoutMs: 1000,
      budget: 1,
    })
    await http.request({ url: `${kratos.publicUrl}/health/alive` })
    await expect(http.request({ url: `${kratos.publicUrl}/health/alive` })).rejects.toThrow(
      /budget of 1/,
    )
  })
})
