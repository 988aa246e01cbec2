import { defineRule } from '../engine/define-rule.ts'
import { csrfCookie, sessionCookie } from './lib/cookies.ts'
import { cookieRefs, unmappedReasons } from './lib/refs.ts'
import { setFix } from './lib/fixes.ts'

/**
 * SameSite=None sends the cookie on every cross-site request; the public /sessions endpoints
 * have no CSRF token check and rely on SameSite (FACTS.md §7). The CSRF cookie is forced to Lax
 * when not Secure (FACTS.md §4.2); the session cookie is emitted as configured.
 */
export default defineRule({
  id: 'cookie-same-site-none',
  meta: {
    title: 'a Kratos cookie is sent on cross-site requests (SameSite=None)',
    severity: 'medium',
    concern: 'cookie-samesite',
    references: cookieRefs({
      asvs4: ['3.4.3'],
      asvs5: ['3.3.2'],
      cwe: ['CWE-1275', 'CWE-352'],
    }),
    unmapped: {
      pci: unmappedReasons.pciCookies,
    },
    messages: {
      none: "The {{cookie}} is sent with SameSite=None ({{key}}): every cross-site request carries it, so other sites can drive /sessions (no CSRF token there) and self-service endpoints with the user's session. Set {{key}} to Lax (or Strict).",
      noneInsecure:
        'The {{cookie}} is sent with SameSite=None and without Secure ({{key}}): browsers that enforce the rule drop it (logins break), the others send it cross-site and over plain http. Set {{key}} to Lax and make the cookie Secure.',
    },
    fixable: 'safe',
  },
  check: ({ view }) => {
    const session = sessionCookie(view)
    const csrf = csrfCookie(view)
    const out = []
    if (session.sameSite.value === 'None') {
      const insecure = !session.secure.value
      const key = session.sameSite.key
      out.push({
        key,
        messageId: insecure ? ('noneInsecure' as const) : ('none' as const),
        data: { cookie: session.label, key },
        severity: insecure ? ('high' as const) : ('medium' as const),
        fix: setFix(key, 'Lax'),
      })
    }
    // Not Secure means Kratos forces Lax on the CSRF cookie: nothing to report then.
    if (
      csrf.sameSite.value === 'None' &&
      csrf.secure.value &&
      csrf.sameSite.key !== session.sameSite.key
    ) {
      out.push({
        key: csrf.sameSite.key,
        messageId: 'none' as const,
        data: { cookie: csrf.label, key: csrf.sameSite.key },
        fix: setFix(csrf.sameSite.key, 'Lax'),
      })
    }
    return out
  },
})
