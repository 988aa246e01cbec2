import { defineRule } from '../engine/define-rule.ts'
import { cookieWords, csrfCookie, sessionCookie, type CookieView } from './lib/cookies.ts'
import { setFix } from './lib/fixes.ts'
import { cookieRefs, unmappedReasons } from './lib/refs.ts'

/**
 * Secure is `!dev` unless the string key is set; Kratos parses it with Go's ParseBool, and any
 * other string (`"yes"`, `"on"`) silently means false (FACTS.md §1.1, §4.4).
 */
export default defineRule({
  id: 'cookie-secure-disabled',
  meta: {
    title: 'a Kratos cookie is sent over plain http (no Secure)',
    severity: 'high',
    concern: 'cookie-secure',
    references: cookieRefs({
      asvs4: ['3.4.1'],
      asvs5: ['3.3.1'],
      cwe: ['CWE-614'],
      nist: ['SP 800-63B-4 §5.1.1', 'SP 800-63B §7.1.1'],
    }),
    unmapped: {
      pci: unmappedReasons.pciCookies,
    },
    messages: {
      'set-false':
        'The {{cookie}} {{are}} not Secure: {{key}} is "{{raw}}". Browsers send {{it}} over plain http, where anyone on the network reads {{it}}. Set {{key}} to "true" (or remove it outside dev mode).',
      unparsable:
        'The {{cookie}} {{are}} not Secure: {{key}} is "{{raw}}", which Go\'s strconv.ParseBool rejects, and Kratos then silently treats it as false. Write "true".',
      devLegacy:
        'The {{cookie}} {{are}} not Secure because dev mode is on: Kratos before v25.4 has no secure key, so Secure follows dev mode alone. Turn dev mode off.',
      dev: 'The {{cookie}} {{are}} not Secure because dev mode is on and {{key}} is not set: browsers send {{it}} over plain http. Turn dev mode off, or set {{key}} to "true".',
    },
    fixable: 'safe',
  },
  check: ({ view }) => {
    const cookies: CookieView[] = [sessionCookie(view), csrfCookie(view)]
    return cookies.flatMap((c) => {
      const s = c.secure
      // A non-string (unquoted `secure: true`) stops Kratos at startup: config-invalid reports
      // it with the real value; a second finding here would only contradict it (QA M6).
      if (s.value || s.reason === 'external' || s.reason === 'not-a-string') return []
      const canFix = view.version !== 'v1.3'
      const messageId =
        s.reason === 'dev'
          ? canFix
            ? ('dev' as const)
            : ('devLegacy' as const)
          : s.reason === 'unparsable'
            ? ('unparsable' as const)
            : ('set-false' as const)
      const set = view.get(s.key)
      const raw = typeof set === 'string' ? set : ''
      return [
        {
          key: s.key,
          messageId,
          data: { ...cookieWords(c), key: s.key, raw },
          ...(canFix ? { fix: setFix(s.key, 'true', 'safe', `set ${s.key} to "true"`) } : {}),
        },
      ]
    })
  },
})
