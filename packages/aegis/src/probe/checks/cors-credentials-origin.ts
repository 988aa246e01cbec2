import { defineCheck } from '../define-check.ts'
import { jsonHeaders } from '../flows.ts'

/**
 * Origins an attacker can host or forge, as nuclei's CORS templates try them: null, a plain-HTTP
 * downgrade, prefix and suffix tricks around the target's host, and unrelated sites. Kratos echoes
 * any allowed Origin with Access-Control-Allow-Credentials (FACTS §1.6), so each accepted one can
 * read whoami with the victim's cookie.
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

export default defineCheck({
  id: 'cors-credentials-origin',
  meta: {
    title: 'Credentialed CORS refuses hostile origins',
    description:
      'Sends whoami with an Origin from a matrix of hostile origins (null, HTTP downgrade, prefix, suffix and subdomain tricks) and fails when any is echoed with Access-Control-Allow-Credentials: true.',
    severity: 'critical',
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
    const shown = accepted.slice(0, 5).join(', ') + (accepted.length > 5 ? ', …' : '')
    return {
      outcome: 'fail',
      message: `${accepted.length} hostile origin(s) may read whoami with the user's cookie (${shown}): set serve.public.cors.allowed_origins to exact origins`,
    }
  },
})
