import { defineCheck } from '../define-check.ts'
import { heldCookie } from '../browser/page-login.ts'
import { runInBrowser } from '../browser/run-in-browser.ts'

const prefixOf = (name: string): '__Host-' | '__Secure-' | undefined => {
  const lower = name.toLowerCase()
  // Browsers match the prefixes case-insensitively (RFC 6265bis §5.6, STANDARDS §1.7).
  if (lower.startsWith('__host-')) return '__Host-'
  if (lower.startsWith('__secure-')) return '__Secure-'
  return undefined
}

/**
 * A `__Host-`/`__Secure-` session cookie name is only useful if the browser accepts the cookie as
 * Kratos sets it: `__Host-` needs Secure, Path=/ and no Domain; `__Secure-` needs Secure (RFC
 * 6265bis §4.1.3). Otherwise the browser silently drops the cookie and nobody can log in.
 */
export default defineCheck({
  id: 'browser-cookie-prefix-accepted',
  meta: {
    title: 'The browser keeps the prefixed session cookie (browser)',
    description:
      'Logs in in Chromium and checks that a session cookie named __Host-… or __Secure-… was kept, not dropped for breaking its prefix rules.',
    severity: 'high',
    concern: 'cookie-prefix',
    key: 'session.cookie.name',
    references: { asvs4: ['3.4.4'], asvs5: ['3.3.1'], cwe: ['CWE-1275'] },
    intrusive: false,
    requires: ['browser', 'identity'],
  },
  run: (ctx) =>
    runInBrowser(ctx, async ({ context, login }) => {
      const s = await login()
      const c = s.sessionCookie
      if (c === undefined)
        return { outcome: 'error', message: `the login set no session cookie (status ${s.status})` }
      const prefix = prefixOf(c.name)
      if (prefix === undefined)
        return {
          outcome: 'skipped',
          message: `${c.name} has no __Host-/__Secure- prefix (see cookie-tossing-resisted)`,
        }
      if ((await heldCookie(context, ctx.target.publicUrl, c.name)) !== undefined)
        return { outcome: 'pass', message: `the browser kept ${c.name} as Kratos set it` }
      const broken: string[] = []
      if (!c.secure) broken.push('no Secure')
      if (prefix === '__Host-' && c.domain !== undefined) broken.push(`Domain=${c.domain}`)
      if (prefix === '__Host-' && c.path !== '/') broken.push(`Path=${c.path ?? '(none)'}`)
      return {
        outcome: 'fail',
        key: broken.some((b) => b.startsWith('Domain'))
          ? 'session.cookie.domain'
          : 'session.cookie',
        message: `the browser dropped ${c.name} (${broken.join(', ') || 'prefix rules broken'}): users cannot log in`,
      }
    }),
})
