import { defineCheck } from '../define-check.ts'
import { loginBrowser } from '../flows.ts'
import { CookieJar } from '../cookies.ts'

/**
 * Kratos keeps the same session id and token through a refresh login and an AAL step-up (FACTS
 * §5.3); ASVS 5.0 7.2.4 asks for a new token on every authentication including re-authentication.
 * The check observes what the target does and judges it against the profile's
 * `requires.rotateOnReauthentication`: a failure citing it where a profile sets it, `skipped`
 * (with what was observed) under profiles that do not: a pass would read as "rotates" in JUnit
 * and HTML although the target kept the session (QA M2).
 */
export default defineCheck({
  id: 'session-reauth-rotation',
  meta: {
    title: 'Re-authentication rotates the session',
    description:
      'Logs in through the browser flow, re-authenticates with refresh=true on the same browser, and compares the session ids whoami reports before and after.',
    severity: 'medium',
    concern: 'fixation',
    key: 'session',
    references: { asvs5: ['7.2.4'], cwe: ['CWE-384'], wstg: ['WSTG-SESS-03'] },
    intrusive: false,
    requires: ['identity'],
  },
  run: async (ctx) => {
    const who = ctx.identity
    if (who === undefined) return { outcome: 'skipped', message: 'no test identity' }
    const jar = new CookieJar()
    const first = await loginBrowser(ctx.http, ctx.target.publicUrl, who, jar, ctx.signal)
    const again = await loginBrowser(
      ctx.http,
      ctx.target.publicUrl,
      who,
      jar,
      ctx.signal,
      '?refresh=true',
    )
    if (first.id !== again.id) {
      return { outcome: 'pass', message: 're-authentication issued a new session id' }
    }
    const required = ctx.profile.requires.rotateOnReauthentication
    return required !== undefined
      ? {
          outcome: 'fail',
          message: `re-authentication kept the same session id and token (Kratos behaviour): ${required.cite} (${required.level}) wants a new one; revoke and re-issue in the application after a refresh login`,
        }
      : {
          outcome: 'skipped',
          message: `not judged: profile ${ctx.profile.id} does not require a new session on re-authentication; observed: the target kept the same session id and token (Kratos behaviour)`,
        }
  },
})
