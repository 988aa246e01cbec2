import { defineCheck } from '../define-check.ts'
import { whoami } from '../flows.ts'

/**
 * Cookie tossing: a sibling subdomain (or a plain-HTTP page) can set a cookie of the same name for
 * the parent domain or a longer path; browsers then send both, longer path first (RFC 6265bis
 * §5.8.3), and Kratos reads the first. Only a `__Host-` name stops others from setting it (RFC
 * 6265bis §4.1.3.2). The check shows which of two same-name cookies Kratos honours.
 */
export default defineCheck({
  id: 'cookie-tossing-resisted',
  meta: {
    title: 'Duplicate and tossed session cookies',
    description:
      'Sends whoami two session cookies of the same name from two sessions, in both orders, records which one Kratos honours, and checks that the cookie name carries the __Host- prefix that stops tossing.',
    severity: 'low',
    concern: 'cookie-prefix',
    key: 'session.cookie.name',
    references: { asvs5: ['3.3.3'], cwe: ['CWE-565'], wstg: ['WSTG-SESS-02'] },
    intrusive: false,
    requires: ['identity'],
  },
  run: async (ctx) => {
    const a = await ctx.login('browser')
    const b = await ctx.login('browser')
    const base = ctx.target.publicUrl
    const ab = await whoami(
      ctx.http,
      base,
      { cookie: `${a.cookie ?? ''}; ${b.cookie ?? ''}` },
      'two cookies, A first',
      ctx.signal,
    )
    const ba = await whoami(
      ctx.http,
      base,
      { cookie: `${b.cookie ?? ''}; ${a.cookie ?? ''}` },
      'two cookies, B first',
      ctx.signal,
    )
    const honours =
      ab.id === a.id && ba.id === b.id
        ? 'the first'
        : ab.id === b.id && ba.id === a.id
          ? 'the last'
          : 'neither consistently'
    ctx.http.note('outcome', `with two same-name cookies Kratos honours ${honours}`)
    const name = (a.cookie ?? '').split('=')[0] ?? ''
    return name.startsWith('__Host-')
      ? {
          outcome: 'pass',
          message: `the session cookie ${name} cannot be tossed (Kratos honours ${honours} of two)`,
        }
      : {
          outcome: 'fail',
          message: `the session cookie ${name} has no __Host- prefix, so a sibling subdomain can toss one of the same name and Kratos honours ${honours}: rename it with session.cookie.name`,
        }
  },
})
