import { defineRule } from '../engine/define-rule.ts'
import { sessionCookie } from './lib/cookies.ts'
import { cookieRefs, unmappedReasons } from './lib/refs.ts'
import { setFix } from './lib/fixes.ts'

/**
 * Path is not a security boundary (pages of the same origin read any path's cookies), and a
 * Path other than `/` rules out the __Host- prefix (RFC 6265bis §4.1.3).
 */
export default defineRule({
  id: 'cookie-path-narrowed',
  meta: {
    title: 'the session cookie Path is not /',
    severity: 'low',
    concern: 'cookie-scope',
    references: cookieRefs({ asvs4: ['3.4.4'], asvs5: ['3.3.3'], cwe: ['CWE-1275'] }),
    unmapped: {
      pci: unmappedReasons.pciCookies,
    },
    messages: {
      path: "The session cookie has Path={{path}} ({{key}}): this does not isolate it from other pages of the same origin, it can leave Kratos' own endpoints without the cookie, and it rules out the __Host- prefix. Use Path=/ and a dedicated host instead.",
    },
    fixable: 'unsafe',
  },
  check: ({ view }) => {
    const path = sessionCookie(view).path
    if (path.value === '/' || path.value === '') return []
    return [
      {
        key: path.key,
        messageId: 'path',
        data: { path: path.value, key: path.key },
        fix: setFix(path.key, '/', 'unsafe'),
      },
    ]
  },
})
