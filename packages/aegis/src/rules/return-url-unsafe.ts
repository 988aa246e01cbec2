import { defineRule } from '../engine/define-rule.ts'
import { locate } from '../engine/locate.ts'
import { isPlainHttpRemote } from './lib/hosts.ts'

const key = 'selfservice.allowed_return_urls'

/** return_to is honoured against this list: wildcards open redirects, http leaks the landing (FACTS.md §1.7). */
export default defineRule({
  id: 'return-url-unsafe',
  meta: {
    title: 'allowed return URLs admit wildcards or plain http',
    severity: 'medium',
    concern: 'return-urls',
    references: { cwe: ['CWE-601'] },
    unmapped: {
      asvs4:
        'ASVS 4.0.3 asks for a redirect allow-list in 5.1.5 (V5 validation), outside the chapters aegis maps',
      asvs5: "ASVS 5.0's redirect allow-list requirement is outside the requirements aegis maps",
      nist: 'SP 800-63B sets no requirement on redirect targets',
      pci: 'PCI DSS v4.0.1 sets no requirement specific to redirect targets',
      wstg: 'WSTG tests redirects in WSTG-CLNT-04, outside the session tests aegis maps',
    },
    messages: {
      wildcard:
        '{{key}} contains {{url}}: after login, recovery or logout Kratos redirects to any matching host, so a phishing link can send freshly authenticated users to an attacker-controlled or forgotten subdomain (open redirect). List exact URLs.',
      http: '{{key}} contains {{url}}, a plain-http URL on a non-loopback host: users land there after login without TLS, where the page and anything it carries can be read or changed. Use https.',
    },
  },
  check: ({ view }) => {
    const urls = view.get(key)
    if (!Array.isArray(urls)) return []
    return urls.flatMap((u: unknown, index) => {
      if (typeof u !== 'string') return []
      const id = u.includes('*')
        ? ('wildcard' as const)
        : isPlainHttpRemote(u)
          ? ('http' as const)
          : undefined
      // Each finding points at its own entry of the list.
      const at = locate(view, `${key}.${index}`)
      return id === undefined
        ? []
        : [{ key, messageId: id, data: { key, url: u }, identity: u, at }]
    })
  },
})
