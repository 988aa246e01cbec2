import { defineCheck } from '../define-check.ts'
import { loginFailed } from '../browser/page-login.ts'
import { runInBrowser } from '../browser/run-in-browser.ts'

/**
 * What HttpOnly buys in practice: after a real browser login, page script cannot read the session
 * cookie through `document.cookie`, so an XSS cannot copy it out (CWE-1004; Kratos hard-codes
 * HttpOnly, FACTS §4.1, so a visible cookie means something in front of Kratos rewrote it).
 */
export default defineCheck({
  id: 'browser-session-cookie-hidden',
  meta: {
    title: 'Session cookie invisible to page script (browser)',
    description:
      'Logs in through the browser flow in Chromium and reads document.cookie on the Kratos origin.',
    severity: 'high',
    concern: 'cookie-secure',
    key: 'session.cookie',
    references: { asvs4: ['3.4.2'], asvs5: ['3.3.4'], cwe: ['CWE-1004'], wstg: ['WSTG-SESS-02'] },
    intrusive: false,
    requires: ['browser', 'identity'],
  },
  run: (ctx) =>
    runInBrowser(ctx, async ({ page, login }) => {
      const s = await login()
      const name = s.sessionCookie?.name
      if (s.sessionId === null || name === undefined) return loginFailed(s)
      const visible = await page.evaluate(() =>
        document.cookie
          .split(';')
          .map((p) => p.split('=')[0]?.trim() ?? '')
          .filter((n) => n.length > 0),
      )
      ctx.http.note(
        'document.cookie',
        `names readable by script: ${visible.join(', ') || '(none)'}`,
      )
      if (visible.includes(name))
        return {
          outcome: 'fail',
          message: `page script reads the session cookie ${name} through document.cookie (no HttpOnly)`,
        }
      return { outcome: 'pass', message: `document.cookie does not show ${name}` }
    }),
})
