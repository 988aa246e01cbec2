import { defineCheck } from '../define-check.ts'
import { jsonHeaders } from '../flows.ts'

/**
 * The admin API has no authentication in Kratos OSS (FACTS §6): reachable through the public URL,
 * it hands out every identity and session. Even when it is not, Kratos answers admin paths on the
 * public port with a 307 whose Location reveals the internal admin URL.
 */
export default defineCheck({
  id: 'admin-api-not-public',
  meta: {
    title: 'The admin API is not reachable, nor revealed, through the public URL',
    description:
      'Requests admin-only paths on the public URL and reads what comes back: data, a redirect to the admin URL, or nothing.',
    severity: 'critical',
    concern: 'exposure',
    key: 'serve.admin',
    references: {
      asvs4: ['1.4.1', '14.3.2'],
      asvs5: ['13.4.5'],
      cwe: ['CWE-284', 'CWE-200'],
      wstg: ['WSTG-CONF-05'],
    },
    intrusive: false,
    requires: [],
  },
  run: async (ctx) => {
    const leaks: string[] = []
    for (const path of ['admin/identities', 'identities', 'admin/sessions']) {
      const res = await ctx.http.request(
        {
          url: new URL(path, ctx.target.publicUrl),
          headers: jsonHeaders,
          jar: null,
          label: `public ${path}`,
        },
        ctx.signal,
      )
      if (res.status === 200) {
        return {
          outcome: 'fail',
          message: `the admin API answers on the public URL (${path} returned 200): anyone can list and delete identities and sessions`,
        }
      }
      const location = res.headers.get('location')
      if (res.status >= 300 && res.status < 400 && location !== null)
        leaks.push(new URL(location, ctx.target.publicUrl).origin)
    }
    if (leaks.length > 0) {
      return {
        outcome: 'fail',
        severity: 'low',
        message: `admin paths on the public URL redirect to the admin URL (${[...new Set(leaks)].join(', ')}), revealing it: block /admin and admin-only paths at the proxy`,
      }
    }
    return {
      outcome: 'pass',
      message: 'admin paths are neither served nor redirected on the public URL',
    }
  },
})
