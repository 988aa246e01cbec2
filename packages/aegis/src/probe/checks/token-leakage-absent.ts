import { defineCheck } from '../define-check.ts'
import { CookieJar } from '../cookies.ts'
import { csrfTokenOf, jsonHeaders, loginBrowser } from '../flows.ts'

const tokenPattern = /ory_st_[A-Za-z0-9]{8,}/

/**
 * Session tokens must not leak into URLs, Location headers or browser-flow bodies (ASVS 4.0.3
 * 3.1.1; FACTS §5.2: browser flows never disclose the token), and authenticated answers must not
 * be stored by caches (FACTS §6: Kratos sends `Cache-Control: private, no-cache, no-store`).
 */
export default defineCheck({
  id: 'token-leakage-absent',
  meta: {
    title: 'No session token in URLs, redirects or browser bodies; no caching of sessions',
    description:
      'Logs in through the browser flow as a form post and as JSON, inspects the Location header and the body for a session token, and reads Cache-Control on whoami.',
    severity: 'high',
    concern: 'token-leakage',
    key: 'session',
    references: {
      asvs4: ['3.1.1', '8.2.1'],
      asvs5: ['14.3.2'],
      cwe: ['CWE-598', 'CWE-525'],
      wstg: ['WSTG-SESS-04'],
    },
    intrusive: false,
    requires: ['identity'],
  },
  run: async (ctx) => {
    const who = ctx.identity
    if (who === undefined) return { outcome: 'skipped', message: 'no test identity' }
    const base = ctx.target.publicUrl
    const problems: string[] = []
    // A plain form post, as a browser without JavaScript sends it: the answer is a redirect.
    const jar = new CookieJar()
    const init = await ctx.http.request(
      {
        url: new URL('self-service/login/browser', base),
        headers: jsonHeaders,
        jar,
        label: 'browser login init',
      },
      ctx.signal,
    )
    const flow = init.json() as { id?: string } | undefined
    const form = new URLSearchParams({
      method: 'password',
      identifier: who.identifier,
      password: who.password,
      csrf_token: csrfTokenOf(flow) ?? '',
    })
    const posted = await ctx.http.request(
      {
        method: 'POST',
        url: new URL(`self-service/login?flow=${encodeURIComponent(flow?.id ?? '')}`, base),
        body: form,
        jar,
        label: 'browser login as a form post',
      },
      ctx.signal,
    )
    if (tokenPattern.test(posted.headers.get('location') ?? ''))
      problems.push('the post-login redirect carries the session token in its URL')
    const viaJson = await loginBrowser(ctx.http, base, who, undefined, ctx.signal)
    if (tokenPattern.test(viaJson.response.text))
      problems.push('the browser-flow login answer contains the session token')
    const me = await ctx.http.request(
      {
        url: new URL('sessions/whoami', base),
        headers: { ...jsonHeaders, cookie: viaJson.cookie ?? '' },
        jar: null,
        label: 'whoami',
      },
      ctx.signal,
    )
    const cache = (me.headers.get('cache-control') ?? '').toLowerCase()
    if (!cache.includes('no-store') && !cache.includes('private'))
      problems.push(`whoami is cacheable (Cache-Control: ${cache === '' ? 'none' : cache})`)
    return problems.length === 0
      ? {
          outcome: 'pass',
          message: 'no token in URLs or browser bodies, and whoami is not cacheable',
        }
      : { outcome: 'fail', message: problems.join('; ') }
  },
})
