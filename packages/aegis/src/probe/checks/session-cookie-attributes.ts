import { defineCheck } from '../define-check.ts'

/**
 * The session cookie as a real login sets it: HttpOnly (always, FACTS §4.1), Secure (lost in dev
 * mode), an explicit SameSite (browsers differ on the default, RFC 6265bis §5.6.7), no Domain
 * (host-only cookies cannot be tossed from a sibling subdomain), and a lifetime no longer than the
 * session's own `expires_at`.
 */
export default defineCheck({
  id: 'session-cookie-attributes',
  meta: {
    title: 'Session cookie attributes as set by a real login',
    description:
      'Logs in through the browser flow and reads the Set-Cookie header of the session cookie: HttpOnly, Secure, explicit SameSite, no Domain, Path, and Max-Age against the session expiry.',
    severity: 'high',
    concern: 'cookie-secure',
    key: 'session.cookie',
    references: {
      asvs4: ['3.4.1', '3.4.2', '3.4.3', '3.4.4', '3.4.5'],
      asvs5: ['3.3.1', '3.3.2', '3.3.4'],
      cwe: ['CWE-614', 'CWE-1004', 'CWE-1275'],
      wstg: ['WSTG-SESS-02'],
    },
    intrusive: false,
    requires: ['identity'],
  },
  run: async (ctx) => {
    const s = await ctx.login('browser')
    const raw = s.setCookie ?? ''
    const attrs = raw
      .split(';')
      .slice(1)
      .map((a) => a.trim().toLowerCase())
    const has = (name: string): boolean => attrs.some((a) => a === name || a.startsWith(`${name}=`))
    const value = (name: string): string | undefined =>
      attrs.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1)
    const problems: string[] = []
    if (!has('httponly')) problems.push('no HttpOnly: page script can read the session cookie')
    if (!has('secure'))
      problems.push(
        'no Secure: the cookie travels over plain HTTP (dev mode or session.cookie.secure)',
      )
    const sameSite = value('samesite')
    if (sameSite === undefined)
      problems.push('no explicit SameSite: browsers apply different defaults')
    else if (sameSite === 'none')
      problems.push('SameSite=None: the cookie goes along on cross-site requests')
    const domain = value('domain')
    if (domain !== undefined)
      problems.push(`Domain=${domain}: every subdomain receives it and can overwrite it`)
    const maxAge = Number(value('max-age') ?? NaN)
    const expiresAt = Date.parse(String(s.session['expires_at']))
    if (Number.isFinite(maxAge) && Number.isFinite(expiresAt)) {
      const left = (expiresAt - Date.now()) / 1000
      if (maxAge > left + 60)
        problems.push(`Max-Age=${maxAge}s outlives the session (${Math.round(left)}s left)`)
    }
    if (problems.length === 0)
      return {
        outcome: 'pass',
        message: 'the session cookie is HttpOnly, Secure, SameSite and host-only',
      }
    const key =
      problems[0]?.includes('Secure') === true ? 'session.cookie.secure' : 'session.cookie'
    return { outcome: 'fail', message: `session cookie: ${problems.join('; ')}`, key }
  },
})
