import { defineCheck } from '../define-check.ts'
import { jsonHeaders } from '../flows.ts'

const hostile = [
  'https://evil.example/',
  '//evil.example/',
  'https://evil.example@attacker.invalid/',
]

/**
 * `return_to` must be checked against `selfservice.allowed_return_urls` (FACTS §6.1: 400
 * self_service_flow_return_to_forbidden); otherwise a login link on the real domain sends the
 * user, logged in, to an attacker's page (CWE-601).
 */
export default defineCheck({
  id: 'return-to-open-redirect',
  meta: {
    title: 'return_to refuses foreign sites',
    description:
      'Starts browser login flows with return_to pointing at foreign sites; each must be refused.',
    severity: 'medium',
    concern: 'return-urls',
    key: 'selfservice.allowed_return_urls',
    references: { asvs4: ['5.1.5'], asvs5: ['1.2.3'], cwe: ['CWE-601'], wstg: ['WSTG-CLNT-04'] },
    intrusive: false,
    requires: [],
  },
  run: async (ctx) => {
    const accepted: string[] = []
    for (const target of hostile) {
      const url = new URL(
        `self-service/login/browser?return_to=${encodeURIComponent(target)}`,
        ctx.target.publicUrl,
      )
      const res = await ctx.http.request(
        { url, headers: jsonHeaders, jar: null, label: `return_to=${target}` },
        ctx.signal,
      )
      if (res.status === 200 || (res.status >= 300 && res.status < 400)) accepted.push(target)
    }
    return accepted.length === 0
      ? { outcome: 'pass', message: 'foreign return_to URLs are refused' }
      : {
          outcome: 'fail',
          message: `return_to accepted ${accepted.join(', ')}: list exact URLs in selfservice.allowed_return_urls`,
        }
  },
})
