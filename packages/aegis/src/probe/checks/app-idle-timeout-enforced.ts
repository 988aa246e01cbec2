import { defineCheck } from '../define-check.ts'
import { whoami } from '../flows.ts'

const served = (status: number): boolean => status >= 200 && status < 300

const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new Error('interrupted while waiting out the idle timeout'))
    })
  })

/**
 * Kratos has no inactivity timeout (FACTS §8); the application must add it (the guard's
 * `idleTimeout`). The check uses the application with a fresh session, stays away for the
 * configured idle period, and checks that the application then refuses the session (ASVS 4.0.3
 * 3.3.2, 5.0 7.3.1; NIST SP 800-63B-4 §2.2.3).
 */
export default defineCheck({
  id: 'app-idle-timeout-enforced',
  meta: {
    title: 'The application ends idle sessions after its idle timeout',
    description:
      'Logs in, uses the application once, waits the configured idle period (--app-idle-timeout) plus a margin, and checks that the application refuses the session; reports whether the Kratos session was revoked too.',
    severity: 'high',
    concern: 'inactivity',
    key: 'application.idleTimeout',
    references: {
      asvs4: ['3.3.2'],
      asvs5: ['7.3.1'],
      nist: ['SP 800-63B-4 §2.2.3'],
      cwe: ['CWE-613'],
    },
    intrusive: false,
    requires: ['identity', 'app'],
  },
  run: async (ctx) => {
    const app = ctx.target.appUrl
    const idle = ctx.appIdleTimeout
    if (app === undefined) return { outcome: 'skipped', message: 'needs --app-url' }
    if (idle === undefined)
      return {
        outcome: 'skipped',
        message: 'needs --app-idle-timeout (the idle timeout the application is configured with)',
      }
    const s = await ctx.login('browser')
    const cookie = s.cookie ?? ''
    const use = (label: string) =>
      ctx.http.request({ url: app, headers: { cookie }, jar: null, label }, ctx.signal)
    const fresh = await use('the application with a fresh session')
    if (!served(fresh.status))
      return {
        outcome: 'error',
        message: `the application refused a fresh session (status ${fresh.status})`,
      }
    const waitMs = Math.round(idle * 1000 + Math.max(1000, idle * 100))
    ctx.http.note('wait', `idle for ${waitMs} ms (idle timeout ${idle} s plus a margin)`)
    await pause(waitMs, ctx.signal)
    const after = await use('the application after the idle period')
    const kratos = await whoami(
      ctx.http,
      ctx.target.publicUrl,
      { cookie },
      'whoami after the idle period',
      ctx.signal,
    )
    if (served(after.status)) {
      return {
        outcome: 'fail',
        message: `the application still serves the session after ${waitMs / 1000} s of inactivity: add an idle timeout (the guard's idleTimeout)`,
      }
    }
    const revoked =
      kratos.id === null
        ? 'and the Kratos session was revoked'
        : 'but the Kratos session still works elsewhere (revoke it through the admin API)'
    return {
      outcome: 'pass',
      message: `the application refused the idle session (status ${after.status}) ${revoked}`,
    }
  },
})
