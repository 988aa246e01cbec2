import { defineRule } from '../engine/define-rule.ts'
import { sessionCookie } from './lib/cookies.ts'
import { cookieRefs, unmappedReasons } from './lib/refs.ts'
import { setFix } from './lib/fixes.ts'

/**
 * Left unset, Kratos still writes an explicit `SameSite=Lax` (the `cookies.same_site` default,
 * FACTS.md §4.1), so the browsers' two-minute Lax+POST window (RFC 6265bis §5.6.7.2) does not
 * apply. Worth an explicit value so the intent is written down; informational.
 */
export default defineRule({
  id: 'cookie-same-site-default',
  meta: {
    title: 'the session cookie SameSite is left to the Kratos default',
    severity: 'info',
    concern: 'cookie-samesite',
    references: cookieRefs({ asvs4: ['3.4.3'], asvs5: ['3.3.2'], cwe: ['CWE-1275'] }),
    unmapped: {
      pci: unmappedReasons.pciCookies,
    },
    messages: {
      implicit:
        'Neither session.cookie.same_site nor cookies.same_site is set: Kratos sends SameSite=Lax by default, which is sound. Set session.cookie.same_site explicitly (Lax, or Strict when no cross-site navigation needs the session) so the choice is reviewed rather than inherited.',
    },
    fixable: 'safe',
  },
  check: ({ view }) => {
    const same = sessionCookie(view).sameSite
    if (same.explicit) return []
    const key = 'session.cookie.same_site'
    return [
      {
        key,
        messageId: 'implicit',
        fix: setFix(key, 'Lax'),
      },
    ]
  },
})
