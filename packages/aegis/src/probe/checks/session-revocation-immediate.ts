import { defineCheck } from '../define-check.ts'
import { loginBrowser, whoami } from '../flows.ts'

/**
 * An admin revocation must take effect at once: in whoami, and in the application in front of
 * Kratos, which is where caching whoami answers keeps revoked sessions alive (ASVS 5.0 7.4.1).
 */
export default defineCheck({
  id: 'session-revocation-immediate',
  meta: {
    title: 'An admin revocation is honoured at once, by Kratos and by the application',
    description:
      'Logs in, uses the session (priming any cache), revokes it through the admin API, then replays it to whoami and, with --app-url, to the application.',
    severity: 'high',
    concern: 'revocation',
    key: 'session',
    references: { asvs4: ['3.3.1'], asvs5: ['7.4.1', '7.4.2'], cwe: ['CWE-613'] },
    intrusive: false,
    requires: ['identity', 'admin'],
  },
  run: async (ctx) => {
    const who = ctx.identity
    const admin = ctx.target.adminUrl
    if (who === undefined || admin === undefined)
      return { outcome: 'skipped', message: 'needs an identity and --admin-url' }
    const base = ctx.target.publicUrl
    const s = await loginBrowser(ctx.http, base, who, undefined, ctx.signal)
    const cookie = s.cookie ?? ''
    const app = ctx.target.appUrl
    const appGet = (label: string) =>
      app === undefined
        ? Promise.resolve(undefined)
        : ctx.http.request({ url: app, headers: { cookie }, jar: null, label }, ctx.signal)
    await whoami(ctx.http, base, { cookie }, 'whoami before the revocation', ctx.signal)
    const appBefore = await appGet('application before the revocation')
    const revoke = await ctx.http.request(
      {
        method: 'DELETE',
        url: new URL(`admin/sessions/${s.id}`, admin),
        jar: null,
        label: 'admin revoke',
      },
      ctx.signal,
    )
    if (revoke.status !== 204)
      return { outcome: 'error', message: `admin revoke answered ${revoke.status}` }
    const after = await whoami(
      ctx.http,
      base,
      { cookie },
      'whoami after the revocation',
      ctx.signal,
    )
    if (after.id !== null)
      return {
        outcome: 'fail',
        message: 'whoami still accepts the session after an admin revocation',
      }
    if (appBefore !== undefined && appBefore.status >= 200 && appBefore.status < 300) {
      const appAfter = await appGet('application after the revocation')
      if (appAfter !== undefined && appAfter.status >= 200 && appAfter.status < 300) {
        return {
          outcome: 'fail',
          key: 'application',
          message: `the application still serves the revoked session (status ${appAfter.status}): it caches whoami without honouring revocation`,
        }
      }
    }
    return { outcome: 'pass', message: 'the revoked session was rejected at once' }
  },
})
