import { defineCheck } from '../define-check.ts'
import { attackKinds, type AttackKind } from '../browser/attacker.ts'
import { watchCookies } from '../browser/cookie-watch.ts'
import { loginFailed } from '../browser/page-login.ts'
import { runInBrowser } from '../browser/run-in-browser.ts'

const unsafe: readonly AttackKind[] = ['form-post', 'fetch', 'img']

/**
 * SameSite as the browser applies it: right after a real login, a page on another site makes a
 * top-level form POST, a credentialed fetch, an image GET and a top-level form GET to the target,
 * and the browser decides whether the session cookie goes along. whoami stands in for any
 * state-changing endpoint: it accepts every method, changes nothing, and answers 200 only when the
 * cookie arrived (FACTS §6.2). A cookie without an explicit SameSite is Lax by default, but
 * Chromium still sends it on cross-site top-level POSTs for two minutes after it was set
 * ("Lax-allowing-unsafe", RFC 6265bis §5.6.7.2; STANDARDS §1.8) — exactly the minutes after login.
 */
export default defineCheck({
  id: 'browser-cross-site-cookie-withheld',
  meta: {
    title: 'Cross-site requests do not carry the session cookie (browser)',
    description:
      'From an attacker page on another site, right after login: top-level form POST, fetch with credentials, image GET and form GET against whoami; records whether the session cookie went along.',
    severity: 'high',
    concern: 'cookie-samesite',
    key: 'session.cookie.same_site',
    references: {
      asvs4: ['3.4.3'],
      asvs5: ['3.3.2'],
      cwe: ['CWE-352', 'CWE-1275'],
      wstg: ['WSTG-SESS-05'],
    },
    intrusive: false,
    requires: ['browser', 'identity'],
  },
  run: (ctx) =>
    runInBrowser(ctx, async ({ page, tools, login }) => {
      const s = await login()
      if (s.sessionId === null || s.sessionCookie === undefined) return loginFailed(s)
      const whoami = new URL('sessions/whoami', ctx.target.publicUrl)
      const carried = new Map<AttackKind, boolean>()
      const name = s.sessionCookie.name
      const watch = await watchCookies(page)
      const why = new Map<AttackKind, string>()
      try {
        for (const kind of attackKinds) {
          await page.goto(tools.attacker.pageUrl(kind, whoami))
          const sent = await watch.waitFor(
            (u) => u.startsWith(whoami.href) && u.includes(`aegis=${kind}`),
          )
          const blocked = sent.cookies.get(name)
          carried.set(kind, blocked !== undefined && blocked.length === 0)
          if (blocked !== undefined && blocked.length > 0) why.set(kind, blocked.join(', '))
        }
      } finally {
        await watch.stop()
      }
      const matrix = attackKinds.map(
        (k) =>
          `${k}: ${carried.get(k) === true ? 'cookie sent' : `withheld (${why.get(k) ?? 'not held'})`}`,
      )
      const sameSite = s.sessionCookie.sameSite
      ctx.http.note(
        'cross-site requests from ' + tools.attacker.origin,
        [`SameSite as set: ${sameSite ?? '(absent)'}`, ...matrix].join('\n'),
      )
      const leaked = unsafe.filter((k) => carried.get(k) === true)
      if (leaked.length === 0) {
        const get =
          carried.get('form-get') === true ? '; a top-level GET carries it, as Lax allows' : ''
        return {
          outcome: 'pass',
          message: `no cross-site POST, fetch or image request carried the cookie${get}`,
        }
      }
      if (sameSite === undefined && leaked.every((k) => k === 'form-post'))
        return {
          outcome: 'fail',
          severity: 'medium',
          message:
            'the session cookie has no explicit SameSite: in the two minutes after login a cross-site POST carried it (Chromium Lax-allowing-unsafe); set session.cookie.same_site: Lax',
        }
      return {
        outcome: 'fail',
        message: `cross-site requests carried the session cookie (${leaked.join(', ')}; SameSite=${sameSite ?? 'absent'})`,
      }
    }),
})
