import { defineCheck } from '../define-check.ts'
import { whoami } from '../flows.ts'

/** API logout (`DELETE /self-service/logout/api`) must revoke the token server-side (FACTS §6.1). */
export default defineCheck({
  id: 'logout-api-revokes',
  meta: {
    title: 'API logout revokes the session token',
    description:
      'Logs in through the API flow, logs out with the token, then replays the token to whoami.',
    severity: 'high',
    concern: 'logout',
    key: 'selfservice.flows.logout',
    references: { asvs4: ['3.3.1'], asvs5: ['7.4.1'], cwe: ['CWE-613'], wstg: ['WSTG-SESS-06'] },
    intrusive: false,
    requires: ['identity'],
  },
  run: async (ctx) => {
    const s = await ctx.login('api')
    const token = s.token ?? ''
    const out = await ctx.http.request(
      {
        method: 'DELETE',
        url: new URL('self-service/logout/api', ctx.target.publicUrl),
        body: { session_token: token },
        jar: null,
        label: 'API logout',
      },
      ctx.signal,
    )
    if (out.status !== 204)
      return { outcome: 'error', message: `API logout answered ${out.status}, expected 204` }
    const replay = await whoami(
      ctx.http,
      ctx.target.publicUrl,
      { token },
      'replay the token',
      ctx.signal,
    )
    return replay.id === null
      ? { outcome: 'pass', message: 'the token was rejected after API logout' }
      : {
          outcome: 'fail',
          message: 'after API logout the session token is still accepted by whoami (replay)',
        }
  },
})
