import { defineCheck } from '../define-check.ts'
import { CookieJar } from '../cookies.ts'
import { jsonHeaders } from '../flows.ts'

/**
 * The CSRF cookie (`csrf_token_<sha256(base URL)>`, FACTS §4.2) follows `cookies.*`, not
 * `session.cookie.*`: it loses Secure in dev mode and is scoped by `cookies.domain`.
 */
export default defineCheck({
  id: 'csrf-cookie-attributes',
  meta: {
    title: 'CSRF cookie attributes',
    description:
      'Starts a browser flow and reads the CSRF cookie Kratos sets: HttpOnly, Secure, SameSite, Domain.',
    severity: 'medium',
    concern: 'cookie-secure',
    key: 'cookies',
    references: { asvs4: ['3.4.1', '3.4.3'], asvs5: ['3.3.1'], cwe: ['CWE-614', 'CWE-1275'] },
    intrusive: false,
    requires: [],
  },
  run: async (ctx) => {
    const res = await ctx.http.request(
      {
        url: new URL('self-service/login/browser', ctx.target.publicUrl),
        headers: jsonHeaders,
        jar: new CookieJar(),
        label: 'browser login init',
      },
      ctx.signal,
    )
    const csrf = res.setCookies.find((c) => c.name.startsWith('csrf_token'))
    if (csrf === undefined)
      return { outcome: 'error', message: 'the browser flow set no CSRF cookie' }
    const problems: string[] = []
    if (!csrf.httpOnly) problems.push('no HttpOnly')
    if (!csrf.secure) problems.push('no Secure (dev mode, or cookies.secure)')
    if (csrf.sameSite?.toLowerCase() === 'none') problems.push('SameSite=None')
    if (csrf.domain !== undefined) problems.push(`Domain=${csrf.domain} (cookies.domain)`)
    return problems.length === 0
      ? { outcome: 'pass', message: 'the CSRF cookie is HttpOnly, Secure and host-only' }
      : {
          outcome: 'fail',
          message: `CSRF cookie: ${problems.join('; ')}`,
          key: problems.some((p) => p.startsWith('no Secure')) ? 'cookies.secure' : 'cookies',
        }
  },
})
