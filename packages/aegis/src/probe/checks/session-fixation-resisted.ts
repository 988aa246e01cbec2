import { defineCheck } from '../define-check.ts'
import { jsonHeaders, whoami } from '../flows.ts'
import { unissuedSessionToken } from '../random.ts'

/**
 * Session fixation (CWE-384): an attacker who can plant a credential before the victim logs in
 * must not find it authenticated afterwards. Kratos has no pre-authentication session and
 * ignores an unknown token at login (FACTS §5.3); a proxy or fork that adopts it is caught here.
 */
export default defineCheck({
  id: 'session-fixation-resisted',
  meta: {
    title: 'Login issues a new session and never adopts a planted credential',
    description:
      'Plants a well-formed but unissued session token, logs in through the API flow with it, and checks that the answer carries a different token, that the planted one stays rejected, and that two logins yield two session ids.',
    severity: 'critical',
    concern: 'fixation',
    key: 'session',
    references: { asvs4: ['3.2.1'], asvs5: ['7.2.4'], cwe: ['CWE-384'], wstg: ['WSTG-SESS-03'] },
    intrusive: false,
    requires: ['identity'],
  },
  run: async (ctx) => {
    const who = ctx.identity
    if (who === undefined) return { outcome: 'skipped', message: 'no test identity' }
    const planted = unissuedSessionToken()
    ctx.http.redactor.remember(planted)
    const base = ctx.target.publicUrl
    const init = await ctx.http.request(
      {
        url: new URL('self-service/login/api', base),
        headers: jsonHeaders,
        jar: null,
        label: 'login init',
      },
      ctx.signal,
    )
    const flowId = (init.json() as { id?: string } | undefined)?.id
    if (typeof flowId !== 'string')
      return { outcome: 'error', message: `login init answered ${init.status}` }
    const res = await ctx.http.request(
      {
        method: 'POST',
        url: new URL(`self-service/login?flow=${encodeURIComponent(flowId)}`, base),
        headers: { ...jsonHeaders, 'x-session-token': planted },
        body: { method: 'password', identifier: who.identifier, password: who.password },
        jar: null,
        label: 'login with a planted X-Session-Token',
      },
      ctx.signal,
    )
    const body = res.json() as { session_token?: string; session?: { id?: string } } | undefined
    if (typeof body?.session_token === 'string') ctx.http.redactor.remember(body.session_token)
    const after = await whoami(
      ctx.http,
      base,
      { token: planted },
      'whoami with the planted token',
      ctx.signal,
    )
    if (body?.session_token === planted || after.id !== null) {
      return {
        outcome: 'fail',
        message:
          'the login adopted a planted session token: whoever planted it now holds the session',
      }
    }
    const first = body?.session?.id
    const second = (await ctx.login('api')).id
    if (typeof first === 'string' && first === second) {
      return { outcome: 'fail', message: 'two separate logins returned the same session id' }
    }
    return {
      outcome: 'pass',
      message: 'the planted token was ignored and each login issued a new session',
    }
  },
})
