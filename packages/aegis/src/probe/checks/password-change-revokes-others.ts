import { defineCheck } from '../define-check.ts'
import { jsonHeaders, whoami } from '../flows.ts'
import type { CheckContext } from '../types.ts'

/**
 * Changing a password must end the other sessions (ASVS 4.0.3 3.3.3, 5.0 7.4.3); Kratos does so
 * only with the `revoke_active_sessions` hook (FACTS §1.7, §5.3). The check changes the password
 * and then sets the original one back, so the identity is left as it was.
 */
const changePassword = async (
  ctx: CheckContext,
  token: string,
  password: string,
): Promise<number> => {
  const base = ctx.target.publicUrl
  const headers = { ...jsonHeaders, 'x-session-token': token }
  const init = await ctx.http.request(
    { url: new URL('self-service/settings/api', base), headers, jar: null, label: 'settings init' },
    ctx.signal,
  )
  const id = (init.json() as { id?: string } | undefined)?.id
  if (typeof id !== 'string') return init.status
  const res = await ctx.http.request(
    {
      method: 'POST',
      url: new URL(`self-service/settings?flow=${encodeURIComponent(id)}`, base),
      headers,
      body: { method: 'password', password },
      jar: null,
      label: 'change the password',
    },
    ctx.signal,
  )
  return res.status
}

export default defineCheck({
  id: 'password-change-revokes-others',
  meta: {
    title: 'A password change ends the other sessions',
    description:
      'Opens two sessions, changes the password from the first, checks whether the second still works, then restores the original password.',
    severity: 'medium',
    concern: 'revocation',
    key: 'selfservice.flows.settings.after.password.hooks',
    references: { asvs4: ['3.3.3'], asvs5: ['7.4.3'], cwe: ['CWE-613'] },
    intrusive: true,
    requires: ['identity'],
  },
  run: async (ctx) => {
    const who = ctx.identity
    if (who === undefined) return { outcome: 'skipped', message: 'no test identity' }
    const changer = await ctx.login('api')
    const other = await ctx.login('api')
    const temporary = `${who.password}-aegis-rotated`
    ctx.http.redactor.remember(temporary)
    const status = await changePassword(ctx, changer.token ?? '', temporary)
    if (status !== 200)
      return { outcome: 'error', message: `the password change answered ${status}` }
    const after = await whoami(
      ctx.http,
      ctx.target.publicUrl,
      { token: other.token ?? '' },
      'the other session',
      ctx.signal,
    )
    const restored = await changePassword(ctx, changer.token ?? '', who.password)
    if (restored !== 200) {
      return {
        outcome: 'error',
        message: `could not restore the original password (status ${restored}); reset it by hand`,
      }
    }
    return after.id === null
      ? { outcome: 'pass', message: 'the other session ended when the password changed' }
      : {
          outcome: 'fail',
          message:
            'the other session survived the password change: add the revoke_active_sessions hook after settings (password), recovery and MFA changes',
        }
  },
})
