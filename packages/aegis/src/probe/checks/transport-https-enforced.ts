import { defineCheck } from '../define-check.ts'
import { jsonHeaders } from '../flows.ts'

const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/

/**
 * Sessions must only travel over TLS (ASVS 4.0.3 3.4.1/14.4.5, 5.0 3.3.1): the public URL is
 * HTTPS (loopback excepted), responses carry HSTS, and a request the TLS terminator marks as
 * plain HTTP (`X-Forwarded-Proto: http`) is not served.
 */
export default defineCheck({
  id: 'transport-https-enforced',
  meta: {
    title: 'Sessions only travel over HTTPS, with HSTS',
    description:
      'Checks the public URL scheme, the Strict-Transport-Security header on public responses, and whether a request marked as plain HTTP by the proxy is served.',
    severity: 'high',
    concern: 'transport',
    key: 'serve.public.base_url',
    references: {
      asvs4: ['3.4.1', '14.4.5'],
      asvs5: ['3.3.1', '3.4.1'],
      cwe: ['CWE-319', 'CWE-523'],
      wstg: ['WSTG-CRYP-03'],
    },
    intrusive: false,
    requires: [],
  },
  run: async (ctx) => {
    const base = ctx.target.publicUrl
    const problems: string[] = []
    if (base.protocol === 'http:' && !loopback.test(base.hostname))
      problems.push(`the public URL ${base.origin} is plain HTTP`)
    const res = await ctx.http.request(
      {
        url: new URL('sessions/whoami', base),
        headers: jsonHeaders,
        jar: null,
        label: 'HSTS on whoami',
      },
      ctx.signal,
    )
    const hsts = res.headers.get('strict-transport-security')
    const maxAge = Number(/max-age=(\d+)/i.exec(hsts ?? '')?.[1] ?? NaN)
    if (hsts === null) problems.push('no Strict-Transport-Security header')
    else if (!(maxAge >= 15_724_800))
      problems.push(
        `HSTS max-age ${Number.isNaN(maxAge) ? 'missing' : maxAge} is below the 15724800 s ASVS example`,
      )
    const plain = await ctx.http.request(
      {
        url: new URL('sessions/whoami', base),
        headers: { ...jsonHeaders, 'x-forwarded-proto': 'http' },
        jar: null,
        label: 'request marked as plain HTTP',
      },
      ctx.signal,
    )
    const redirected =
      plain.status >= 300 &&
      plain.status < 400 &&
      (plain.headers.get('location') ?? '').startsWith('https:')
    if (!redirected && plain.status !== 400 && plain.status !== 403) {
      problems.push(
        `a request marked X-Forwarded-Proto: http was answered (${plain.status}) instead of sent to HTTPS`,
      )
    }
    return problems.length === 0
      ? { outcome: 'pass', message: 'HTTPS is enforced and HSTS is sent' }
      : { outcome: 'fail', message: problems.join('; ') }
  },
})
