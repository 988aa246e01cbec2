import { defineCheck } from '../define-check.ts'
import { isDeletion } from '../cookies.ts'
import { jsonHeaders, loginBrowser, whoami } from '../flows.ts'

/**
 * Browser logout must end the session on the server, not only in the browser: a copied cookie
 * replayed after logout must be rejected (ASVS 4.0.3 3.3.1, 5.0 7.4.1), and the cookie must be
 * deleted (FACTS §6.1: Max-Age=0 on the wire).
 */
export default defineCheck({
  id: 'logout-browser-revokes',
  meta: {
    title: 'Browser logout revokes the session and clears the cookie',
    description:
      'Logs in through the browser flow, logs out through the logout flow, then replays the old cookie to whoami.',
    severity: 'high',
    concern: 'logout',
    key: 'selfservice.flows.logout',
    references: { asvs4: ['3.3.1'], asvs5: ['7.4.1'], cwe: ['CWE-613'], wstg: ['WSTG-SESS-06'] },
    intrusive: false,
    requires: ['identity'],
  },
  run: async (ctx) => {
    const who = ctx.identity
    if (who === undefined) return { outcome: 'skipped', message: 'no test identity' }
    const base = ctx.target.publicUrl
    const s = await loginBrowser(ctx.http, base, who, undefined, ctx.signal)
    const init = await ctx.http.request(
      {
        url: new URL('self-service/logout/browser', base),
        headers: jsonHeaders,
        jar: s.jar,
        label: 'logout init',
      },
      ctx.signal,
    )
    const logoutUrl = (init.json() as { logout_url?: string } | undefined)?.logout_url
    if (typeof logoutUrl !== 'string')
      return { outcome: 'error', message: `logout init answered ${init.status}` }
    const out = await ctx.http.request(
      { url: logoutUrl, headers: jsonHeaders, jar: s.jar, label: 'logout' },
      ctx.signal,
    )
    const name = s.cookie?.split('=')[0] ?? ''
    const cleared = out.setCookies.some((c) => c.name === name && isDeletion(c))
    const replay = await whoami(
      ctx.http,
      base,
      { cookie: s.cookie ?? '' },
      'replay the old cookie',
      ctx.signal,
    )
    if (replay.id !== null) {
      return {
        outcome: 'fail',
        message: 'after logout the old session cookie is still accepted by whoami (replay)',
      }
    }
    if (!cleared)
      return { outcome: 'fail', message: 'logout did not delete the session cookie in the browser' }
    return { outcome: 'pass', message: 'logout revoked the session and deleted the cookie' }
  },
})
