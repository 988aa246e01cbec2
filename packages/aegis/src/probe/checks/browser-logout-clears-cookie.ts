import { defineCheck } from '../define-check.ts'
import { whoami } from '../flows.ts'
import { heldCookie, loginFailed, logoutInPage } from '../browser/page-login.ts'
import { runInBrowser } from '../browser/run-in-browser.ts'

/**
 * Logout as a user does it, in the browser: afterwards the browser holds no session cookie, and a
 * copy of the old cookie taken before logout is rejected by whoami (ASVS 4.0.3 3.3.1, 5.0 7.4.1;
 * FACTS §6.1: Kratos revokes the session and deletes the cookie).
 */
export default defineCheck({
  id: 'browser-logout-clears-cookie',
  meta: {
    title: 'Browser logout clears the cookie and ends the session (browser)',
    description:
      'Logs in and out in Chromium through the logout URL, then looks for the cookie in the browser and replays a copy of it to whoami.',
    severity: 'high',
    concern: 'logout',
    key: 'selfservice.flows.logout',
    references: { asvs4: ['3.3.1'], asvs5: ['7.4.1'], cwe: ['CWE-613'], wstg: ['WSTG-SESS-06'] },
    intrusive: false,
    requires: ['browser', 'identity'],
  },
  run: (ctx) =>
    runInBrowser(ctx, async ({ page, context, login }) => {
      const base = ctx.target.publicUrl
      const s = await login()
      const name = s.sessionCookie?.name
      const before = name === undefined ? undefined : await heldCookie(context, base, name)
      if (s.sessionId === null || name === undefined || before === undefined) return loginFailed(s)
      const status = await logoutInPage(page, base)
      ctx.http.note('browser logout', `navigated to the logout URL → ${status}`)
      const after = await heldCookie(context, base, name)
      const replay = await whoami(
        ctx.http,
        base,
        { cookie: `${name}=${before.value}` },
        'replay the cookie held before logout',
        ctx.signal,
      )
      if (replay.id !== null)
        return {
          outcome: 'fail',
          message: `after logout in the browser the old ${name} cookie is still accepted by whoami`,
        }
      if (after !== undefined)
        return { outcome: 'fail', message: `after logout the browser still holds ${name}` }
      return {
        outcome: 'pass',
        message: 'logout removed the cookie from the browser and whoami rejects the old one',
      }
    }),
})
