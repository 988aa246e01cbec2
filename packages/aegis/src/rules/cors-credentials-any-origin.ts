import { defineRule } from '../engine/define-rule.ts'
import { sessionCookie } from './lib/cookies.ts'
import { unboundedHonoured, unboundedWildcards } from './lib/cors.ts'

const originsKey = 'serve.public.cors.allowed_origins'

/**
 * Kratos matches origins with a function, so rs/cors echoes the request's Origin with
 * credentials; `*` or an empty list matches every origin, and `["*"]` is the default
 * (FACTS.md §1.6, §11.11). A wildcard not bounded at a registrable domain (`https://*`,
 * `https://*.com`, `https://*foo.com`) matches sites anyone can register wherever Kratos honours
 * it (lib/cors.ts), so it is the same case. How far this reaches depends on SameSite: Lax cookies
 * are not sent on cross-site fetches (RFC 6265bis §5.6.7.1), so sibling subdomains and
 * SameSite=None are the live exposure.
 */
export default defineRule({
  id: 'cors-credentials-any-origin',
  meta: {
    title: 'CORS lets any origin make credentialed requests to the public API',
    severity: 'medium',
    concern: 'cors',
    references: {
      asvs4: ['14.5.3'],
      asvs5: ['3.4.2'],
      cwe: ['CWE-942', 'CWE-346'],
      wstg: ['WSTG-SESS-05'],
    },
    unmapped: {
      nist: 'SP 800-63B sets no CORS requirement',
      pci: 'PCI DSS v4.0.1 sets no CORS requirement',
    },
    messages: {
      any: 'serve.public.cors is enabled and {{why}}: Kratos echoes any Origin with Access-Control-Allow-Credentials: true, so any page the browser sends the session cookie from{{reach}} can read /sessions/whoami (identity, traits) and call DELETE /sessions. List the exact https origins of your applications in {{key}}.',
    },
  },
  check: ({ view }) => {
    if (view.get('serve.public.cors.enabled') !== true || view.isExternal(originsKey)) return []
    if (view.get('serve.public.cors.allow_credentials') === false) return []
    const origins = view.get(originsKey)
    const list = Array.isArray(origins) ? origins : []
    const unbounded = unboundedHonoured(view) ? unboundedWildcards(list) : []
    const why = !view.has(originsKey)
      ? 'allowed_origins is not set (its default is ["*"])'
      : list.length === 0
        ? 'allowed_origins is an empty list'
        : list.includes('*')
          ? 'allowed_origins contains "*"'
          : unbounded.length > 0
            ? `allowed_origins contains ${unbounded.map((o) => `"${o}"`).join(', ')}, a wildcard that is not bounded at a registrable domain and so matches sites anyone can register`
            : undefined
    if (why === undefined) return []
    const none = sessionCookie(view).sameSite.value === 'None'
    const reach = none
      ? ' (SameSite=None: every site)'
      : ' (SameSite=Lax: sibling subdomains and same-site pages)'
    return [
      {
        key: originsKey,
        messageId: 'any',
        data: { why, reach, key: originsKey },
        severity: none ? 'high' : 'medium',
        identity: why,
      },
    ]
  },
})
