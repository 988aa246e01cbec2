import { isPublicSuffix } from '../../rules/lib/hosts.ts'
import { parseSetCookie } from '../cookies.ts'
import { defineCheck } from '../define-check.ts'
import { jsonHeaders } from '../flows.ts'
import type { CheckContext, CheckResult } from '../types.ts'

/**
 * Origins an attacker can host or forge, as nuclei's CORS templates try them: null, a plain-HTTP
 * downgrade, prefix and suffix tricks around the target's host, and unrelated sites. Kratos echoes
 * any allowed Origin with Access-Control-Allow-Credentials (FACTS §1.6); whether an accepted one
 * can read whoami with the victim's cookie depends on the cookie's SameSite (see siteOf below).
 */
export const hostileOrigins = (publicUrl: URL): string[] => {
  const host = publicUrl.hostname
  const proto = publicUrl.protocol
  const port = publicUrl.port === '' ? '' : `:${publicUrl.port}`
  const [first = host] = host.split('.')
  return [
    'null',
    'https://evil.example',
    'http://evil.example',
    'https://attacker.invalid',
    `http://${host}${port}`,
    `https://${host}.evil.example`,
    `https://evil${host}`,
    `https://evil-${host}`,
    `https://${host}evil.example`,
    `https://${host}-evil.example`,
    `https://${host}_evil.example`,
    `https://evil.${host}`,
    `https://sub.${host}`,
    // Another port on the same host: same-site, so it gets a Lax cookie (an IP target has no subdomains).
    `${proto}//${host}:${publicUrl.port === '9999' ? '9998' : '9999'}`,
    `${proto}//${first}.evil.example${port}`,
    `${proto}//${host}${port}.evil.example`,
    `${proto}//${host}%60.evil.example`,
    `${proto}//${host}\`.evil.example`,
    `${proto}//${host}!.evil.example`,
    `${proto}//${host}$.evil.example`,
    `${proto}//${host}&.evil.example`,
    `${proto}//${host}'.evil.example`,
    `${proto}//${host}+.evil.example`,
    `${proto}//${host}=.evil.example`,
    `${proto}//${host}~.evil.example`,
    `${proto}//${host}@evil.example`,
    `${proto}//evil.example@${host}${port}`,
    `${proto}//${host}${port}%2f.evil.example`,
    `${proto}//${host}${port}/.evil.example`,
    'file://',
    'https://localhost.evil.example',
    'http://127.0.0.1.evil.example',
  ]
}

/**
 * The site (registrable domain) of a host, as SameSite compares requests (RFC 6265bis §5.2:
 * eTLD+1; an IP address or a single label is its own site). The suffix list is the rules'
 * excerpt of the Public Suffix List: a miss makes two customers of a shared host "same-site",
 * which only keeps the severity higher.
 */
export const siteOf = (host: string): string => {
  const h = host.toLowerCase().replace(/\.$/, '')
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h) || h.startsWith('[')) return h
  const labels = h.split('.')
  // The longest listed suffix wins (co.uk over uk); an unlisted name's suffix is its last label.
  let suffix = 1
  for (let n = labels.length; n >= 1; n--) {
    if (isPublicSuffix(labels.slice(-n).join('.'))) {
      suffix = n
      break
    }
  }
  return labels.length > suffix ? labels.slice(-(suffix + 1)).join('.') : h
}

/**
 * Whether a request from `origin` to the target is same-site, so that a Lax or Strict cookie goes
 * along. `null` (sandboxed frames, data: URLs) and unparsable origins are cross-site. The scheme
 * is ignored: browsers that do not yet apply schemeful same-site send the cookie from http://.
 */
export const sameSiteAs = (origin: string, target: URL): boolean => {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  // Only a serialized origin (scheme://host[:port]) is ever sent by a browser; the matrix's
  // userinfo and path tricks test the server's matching, not a page that could exist.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (url.origin !== origin.toLowerCase()) return false
  return siteOf(url.hostname) === siteOf(target.hostname)
}

/** The session cookie's SameSite from a real browser login, or undefined without an identity. */
const sessionSameSite = async (ctx: CheckContext): Promise<string | undefined> => {
  if (ctx.identity === undefined) return undefined
  try {
    const s = await ctx.login('browser')
    if (s.setCookie === undefined) return undefined
    // An absent attribute is Lax only in browsers that apply RFC 6265bis §5.6.7's default
    // (Chromium; Firefox paused it): rated like None.
    const v = parseSetCookie(s.setCookie).sameSite?.toLowerCase()
    return v === undefined ? 'absent' : v === 'none' || v === 'strict' ? v : 'lax'
  } catch {
    return undefined
  }
}

const list = (origins: readonly string[]): string =>
  origins.slice(0, 5).join(', ') + (origins.length > 5 ? ', …' : '')

const fix = 'set serve.public.cors.allowed_origins to exact origins'

/**
 * Severity follows what the browser will send (aligned with the audit rule
 * cors-credentials-any-origin): SameSite=None lets every accepted origin read whoami with the
 * cookie (high); with Lax or Strict only same-site origins get it (medium), and cross-site ones
 * get a cookie-less answer (low: harmless until SameSite becomes None). Token clients are not
 * exposed either way: a hostile page cannot obtain their X-Session-Token.
 */
export const rate = (
  accepted: readonly string[],
  target: URL,
  sameSite: string | undefined,
): CheckResult => {
  const same = accepted.filter((o) => sameSiteAs(o, target))
  const n = `${accepted.length} hostile origin(s) are allowed with credentials (${list(accepted)})`
  if (sameSite === 'none' || sameSite === 'absent')
    return {
      outcome: 'fail',
      severity: same.length === accepted.length ? 'medium' : 'high',
      message: `${n}, and the session cookie ${sameSite === 'none' ? 'is SameSite=None, so the browser sends it along' : 'has no SameSite attribute, so browsers without a Lax default (Firefox) send it along'}: each of them may read whoami with the user's cookie. ${fix}`,
    }
  if (sameSite === undefined)
    return {
      outcome: 'fail',
      severity: 'medium',
      message: `${n}. The session cookie's SameSite is unknown (no --identity or --create-identity to log in with): with Lax, Kratos' default, only same-site origins${same.length > 0 ? ` (${list(same)})` : ''} get the cookie; with None every one of them may read whoami with the user's cookie (high). ${fix}`,
    }
  if (same.length === 0)
    return {
      outcome: 'fail',
      severity: 'low',
      message: `${n}, but all are cross-site and the session cookie is SameSite=${sameSite === 'strict' ? 'Strict' : 'Lax'}, so the browser does not send it on their requests; this becomes exploitable as soon as SameSite is None. ${fix}`,
    }
  return {
    outcome: 'fail',
    severity: 'medium',
    message: `${n}; the session cookie is SameSite=${sameSite === 'strict' ? 'Strict' : 'Lax'}, so cross-site pages get no cookie, but same-site origins (${list(same)}) do: a compromised or user-controlled sibling subdomain (or another port on the same host) may read whoami with the user's cookie. ${fix}`,
  }
}

export default defineCheck({
  id: 'cors-credentials-origin',
  meta: {
    title: 'Credentialed CORS refuses hostile origins',
    description:
      'Sends whoami with an Origin from a matrix of hostile origins (null, HTTP downgrade, prefix, suffix and subdomain tricks) and fails when any is echoed with Access-Control-Allow-Credentials: true.',
    severity: 'high',
    concern: 'cors',
    key: 'serve.public.cors.allowed_origins',
    references: { asvs4: ['14.5.3'], asvs5: ['3.4.2'], cwe: ['CWE-942'], wstg: ['WSTG-CLNT-07'] },
    intrusive: false,
    requires: [],
  },
  run: async (ctx) => {
    const accepted: string[] = []
    // The target's own origins are not hostile (a plain-HTTP target's "downgrade" is itself).
    const own = new Set([ctx.target.publicUrl.origin, ctx.target.appUrl?.origin])
    for (const origin of new Set(hostileOrigins(ctx.target.publicUrl))) {
      if (own.has(origin)) continue
      const res = await ctx.http.request(
        {
          url: new URL('sessions/whoami', ctx.target.publicUrl),
          headers: { ...jsonHeaders, origin },
          jar: null,
          label: `whoami from Origin ${origin}`,
          quiet: true,
        },
        ctx.signal,
      )
      const allow = res.headers.get('access-control-allow-origin')
      const creds = res.headers.get('access-control-allow-credentials') === 'true'
      if (creds && (allow === origin || allow === '*')) {
        // The first three accepted origins are the evidence; the rest are listed in the message.
        if (accepted.length < 3) ctx.http.keep(res)
        accepted.push(origin)
      }
    }
    if (accepted.length === 0)
      return { outcome: 'pass', message: 'no hostile origin was allowed with credentials' }
    return rate(accepted, ctx.target.publicUrl, await sessionSameSite(ctx))
  },
})
