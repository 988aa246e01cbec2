import { defineRule } from '../engine/define-rule.ts'
import { prefixProblem, sessionCookie } from './lib/cookies.ts'
import { setFix } from './lib/fixes.ts'
import { cookieRefs, unmappedReasons } from './lib/refs.ts'

const hostPrefix = /^__host-/i
const securePrefix = /^__secure-/i

/** Prefixes make browsers refuse a cookie planted over http or from a sibling domain (RFC 6265bis §4.1.3). */
export default defineRule({
  id: 'session-cookie-prefix-missing',
  meta: {
    title: 'the session cookie name has no __Host- or __Secure- prefix',
    severity: 'low',
    concern: 'cookie-prefix',
    references: cookieRefs({
      asvs4: ['3.4.4'],
      asvs5: ['3.3.1', '3.3.3'],
      cwe: ['CWE-1275', 'CWE-384'],
    }),
    unmapped: {
      pci: unmappedReasons.pciCookies,
    },
    messages: {
      missing:
        'The session cookie is named {{name}}, without the {{prefix}} prefix {{cite}} asks for: a sibling subdomain or a plain-http response can plant or overwrite it (cookie tossing, fixation). Rename it to {{suggested}} (session.cookie.name); existing sessions are logged out once. The CSRF cookie name is fixed by Kratos and cannot carry a prefix.',
      weaker:
        'The session cookie is named {{name}}: {{cite}} asks for the __Host- prefix, and nothing here needs __Secure- (no Domain, Path=/). __Secure- still lets a sibling subdomain set a same-name cookie with a Domain attribute (cookie tossing); __Host- makes the cookie host-only. Rename it to {{suggested}} (session.cookie.name); existing sessions are logged out once.',
      broken:
        'The session cookie is named {{name}} but {{problem}}: browsers reject a {{prefix}}-prefixed cookie then, and nobody can log in. {{remedy}}',
    },
    fixable: 'unsafe',
  },
  check: ({ view, profile }) => {
    const c = sessionCookie(view)
    const name = c.name.value
    const key = 'session.cookie.name'
    const want = profile.requires.cookiePrefix
    // __Host- needs no Domain and Path=/; a cookie deliberately shared (Domain) or narrowed
    // (Path) can carry __Secure- at most (ASVS 5.0 3.3.3 "unless explicitly designed to be shared").
    const hostPossible = c.domain.value === undefined && c.path.value === '/'
    if (hostPrefix.test(name) || securePrefix.test(name)) {
      const host = hostPrefix.test(name)
      const problem = prefixProblem(c, host)
      if (problem === undefined) {
        if (host || want?.prefix !== '__Host-' || !hostPossible) return []
        // QA L4: __Secure- where the profile asks for __Host- and nothing prevents it.
        const suggested = `__Host-${name.slice('__Secure-'.length)}`
        return [
          {
            key,
            messageId: 'weaker',
            data: { name, cite: want.cite, suggested },
            fix: setFix(key, suggested, 'unsafe', `rename the session cookie to ${suggested}`),
          },
        ]
      }
      const remedy = 'Make the cookie Secure, remove Domain and keep Path=/.'
      return [
        {
          key,
          messageId: 'broken',
          data: { name, problem, prefix: host ? '__Host-' : '__Secure-', remedy },
          severity: 'high',
        },
      ]
    }
    if (want === undefined) return { skip: `${profile.id} does not require a cookie prefix` }
    const prefix = want.prefix === '__Host-' && hostPossible ? '__Host-' : '__Secure-'
    const suggested = `${prefix}${name.replace(/^_+/, '')}`
    return [
      {
        key,
        messageId: 'missing',
        data: { name, prefix: want.prefix, cite: want.cite, suggested },
        fix: setFix(key, suggested, 'unsafe', `rename the session cookie to ${suggested}`),
      },
    ]
  },
})
