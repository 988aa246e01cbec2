import { defineCheck } from '../define-check.ts'
import { CookieJar } from '../cookies.ts'
import { csrfTokenOf, jsonHeaders } from '../flows.ts'
import { randomHex } from '../random.ts'
import type { CheckContext } from '../types.ts'

/**
 * Browser flows must refuse a submit without the CSRF token, or with another browser's token
 * (FACTS §7: 403 security_csrf_violation); API flows must refuse requests that carry cookies. The
 * submits use credentials that cannot log in, so no session is ever made.
 */
const initBrowserFlow = async (ctx: CheckContext, jar: CookieJar) => {
  const res = await ctx.http.request(
    {
      url: new URL('self-service/login/browser', ctx.target.publicUrl),
      headers: jsonHeaders,
      jar,
      label: 'browser login init',
    },
    ctx.signal,
  )
  const flow = res.json() as { id?: string; ui?: { nodes?: [] } } | undefined
  return { id: flow?.id ?? '', csrf: csrfTokenOf(flow) ?? '' }
}

const submit = (
  ctx: CheckContext,
  flowId: string,
  csrf: string | undefined,
  jar: CookieJar | null,
  label: string,
  origin?: string,
) =>
  ctx.http.request(
    {
      method: 'POST',
      url: new URL(`self-service/login?flow=${encodeURIComponent(flowId)}`, ctx.target.publicUrl),
      headers: origin === undefined ? jsonHeaders : { ...jsonHeaders, origin },
      body: {
        method: 'password',
        identifier: 'aegis-csrf-probe@example.invalid',
        password: randomHex(12),
        ...(csrf === undefined ? {} : { csrf_token: csrf }),
      },
      jar,
      label,
    },
    ctx.signal,
  )

export default defineCheck({
  id: 'csrf-browser-flow',
  meta: {
    title: 'Browser flows enforce CSRF tokens; API flows refuse cookies',
    description:
      'Submits a browser login flow without a CSRF token, with another browser’s token and from a cross-site Origin, and an API flow with a cookie; each must be refused.',
    severity: 'high',
    concern: 'csrf',
    key: 'selfservice.flows.login',
    references: { asvs4: ['4.2.2'], asvs5: ['3.5.1'], cwe: ['CWE-352'], wstg: ['WSTG-SESS-05'] },
    intrusive: false,
    requires: [],
  },
  run: async (ctx) => {
    const victim = new CookieJar()
    const attacker = new CookieJar()
    const flow = await initBrowserFlow(ctx, victim)
    const other = await initBrowserFlow(ctx, attacker)
    if (flow.id === '') return { outcome: 'error', message: 'could not start a browser login flow' }
    const problems: string[] = []
    const missing = await submit(ctx, flow.id, undefined, victim, 'submit without a CSRF token')
    if (missing.status !== 403)
      problems.push(`a submit without a CSRF token got ${missing.status}, not 403`)
    const foreign = await submit(
      ctx,
      flow.id,
      other.csrf,
      victim,
      'submit with another browser’s token',
    )
    if (foreign.status !== 403)
      problems.push(`a submit with another browser's CSRF token got ${foreign.status}, not 403`)
    // What a cross-site form post carries: the victim's cookies and a foreign Origin, no token.
    const crossSite = await submit(
      ctx,
      flow.id,
      undefined,
      victim,
      'cross-site submit (Origin of another site)',
      'https://evil.example',
    )
    if (crossSite.status !== 403)
      problems.push(
        `a cross-site submit (Origin https://evil.example) got ${crossSite.status}, not 403`,
      )
    const apiInit = await ctx.http.request(
      {
        url: new URL('self-service/login/api', ctx.target.publicUrl),
        headers: jsonHeaders,
        jar: null,
        label: 'API login init',
      },
      ctx.signal,
    )
    const apiId = (apiInit.json() as { id?: string } | undefined)?.id ?? ''
    const withCookie = new CookieJar()
    withCookie.set('session_probe', 'x')
    const api = await submit(ctx, apiId, undefined, withCookie, 'API flow submit carrying a cookie')
    // Refused before the credentials are looked at: a 400 whose messages are not 4000006
    // ("invalid credentials"), which would mean the submit went through to the password check.
    const messages =
      (api.json() as { ui?: { messages?: { id?: number }[] } } | undefined)?.ui?.messages ?? []
    if (api.status !== 400 || messages.some((m) => m.id === 4000006)) {
      problems.push(
        'an API flow accepted a submit that carried a cookie (only browsers send cookies)',
      )
    }
    return problems.length === 0
      ? { outcome: 'pass', message: 'CSRF tokens are enforced and API flows refuse cookies' }
      : { outcome: 'fail', message: problems.join('; ') }
  },
})
