import { defineCheck } from '../define-check.ts'
import { testHost } from '../browser/launch.ts'
import { heldCookie, loginFailed } from '../browser/page-login.ts'
import { runInBrowser } from '../browser/run-in-browser.ts'

const loopbackNames = new Set(['localhost', '127.0.0.1'])

/**
 * What `Secure` means in a browser: over plain HTTP on a real host name the browser drops Secure
 * cookies (only localhost counts as a secure origin). Kratos marks its cookies Secure unless in dev
 * mode, whatever the scheme of base_url (FACTS §4.1, §4.4), so a production-mode Kratos served
 * over plain HTTP cannot keep a session, and a dev-mode one hands out cookies that travel in clear.
 * A loopback target is reached under `aegis-test.example` (mapped to 127.0.0.1 with Chromium's
 * --host-resolver-rules), which the browser treats like any non-local name.
 */
export default defineCheck({
  id: 'browser-plain-http-cookie-dropped',
  meta: {
    title: 'Secure cookies are not kept over plain HTTP (browser)',
    description:
      'Logs in in Chromium over plain HTTP under a non-localhost name and records which cookies the browser kept; over HTTPS, checks the session cookie is Secure.',
    severity: 'high',
    concern: 'cookie-secure',
    key: 'session.cookie.secure',
    references: { asvs4: ['3.4.1'], asvs5: ['3.3.1'], cwe: ['CWE-614', 'CWE-319'] },
    intrusive: false,
    requires: ['browser', 'identity'],
  },
  run: (ctx) =>
    runInBrowser(ctx, async ({ context, login }) => {
      const pub = ctx.target.publicUrl
      if (pub.protocol === 'https:') {
        const s = await login()
        const name = s.sessionCookie?.name
        const held = name === undefined ? undefined : await heldCookie(context, pub, name)
        if (held === undefined) return loginFailed(s)
        return held.secure
          ? {
              outcome: 'pass',
              message: `${held.name} is Secure: the browser never sends it over HTTP`,
            }
          : {
              outcome: 'fail',
              message: `${held.name} is not Secure: it would travel over plain HTTP`,
            }
      }
      const loopback = loopbackNames.has(pub.hostname)
      if (pub.hostname === '[::1]')
        return {
          outcome: 'skipped',
          message: 'an IPv6 loopback target cannot be mapped to a test name',
        }
      const base = new URL(pub)
      if (loopback) base.hostname = testHost
      const s = await login(base)
      const kept: string[] = []
      const dropped: string[] = []
      for (const c of s.setCookies) {
        if (c.value === '') continue
        const held = await heldCookie(context, base, c.name)
        ;(held === undefined ? dropped : kept).push(c.name)
      }
      ctx.http.note(
        `cookies over plain HTTP on ${base.host}`,
        `kept: ${kept.join(', ') || '(none)'}\ndropped: ${dropped.join(', ') || '(none)'}`,
      )
      const session = s.sessionCookie?.name
      if (session !== undefined && kept.includes(session))
        return {
          outcome: 'fail',
          message: `${session} is not Secure: over plain HTTP on ${base.hostname} the browser kept it and sends it in clear (dev mode or session.cookie.secure: false)`,
        }
      if (dropped.length === 0)
        return { outcome: 'error', message: `the login set no cookie (status ${s.status})` }
      if (loopback)
        return {
          outcome: 'pass',
          message: `over plain HTTP on a non-localhost name the browser dropped the Secure cookies (${dropped.join(', ')}): Kratos outside dev mode must be served over HTTPS, or users cannot log in`,
        }
      return {
        outcome: 'fail',
        severity: 'medium',
        key: 'serve.public.base_url',
        message: `Kratos is served over plain HTTP: the browser dropped its Secure cookies (${dropped.join(', ')}), so users cannot log in; serve it over HTTPS`,
      }
    }),
})
