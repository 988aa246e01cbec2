import { defineRule } from '../engine/define-rule.ts'
import { csrfCookie, sessionCookie, type CookieView } from './lib/cookies.ts'
import { isPublicSuffix } from './lib/hosts.ts'
import { cookieRefs, unmappedReasons } from './lib/refs.ts'

/**
 * A Domain attribute sends the cookie to, and lets it be overwritten from, every subdomain
 * (cookie tossing, STANDARDS.md §5 #1); on a public suffix, to every other customer of it.
 */
export default defineRule({
  id: 'cookie-domain-set',
  meta: {
    title: 'a Kratos cookie is scoped to a whole domain',
    severity: 'medium',
    concern: 'cookie-scope',
    references: cookieRefs({
      // A Domain attribute rules out __Host- (3.4.4; 3.4.5 is about Path, and asks for a precise one).
      asvs4: ['3.4.4'],
      asvs5: ['3.3.3'],
      cwe: ['CWE-1275', 'CWE-565'],
      nist: ['SP 800-63B-4 §5.1.1', 'SP 800-63B §7.1.1'],
    }),
    unmapped: {
      pci: unmappedReasons.pciCookies,
    },
    messages: {
      domain:
        'The {{cookie}} has Domain={{domain}} ({{key}}): every subdomain of {{domain}} receives it and can overwrite it (cookie tossing), so one compromised or user-controlled subdomain can steal or fixate sessions, and the __Host- prefix becomes impossible. Remove {{key}} unless subdomains must share the session.',
      csrfDomain:
        'The {{cookie}} has Domain={{domain}} ({{key}}): every subdomain of {{domain}} receives it and can overwrite it (cookie tossing), so one compromised or user-controlled subdomain can plant a CSRF token of its choosing and defeat the token check of Kratos self-service flows. Remove {{key}} unless subdomains must share the flows.',
      publicSuffix:
        'The {{cookie}} has Domain={{domain}} ({{key}}), a public suffix or shared-hosting domain: browsers reject it or, worse, every other site under {{domain}} can read and plant it. Remove {{key}}.',
    },
    fixable: 'unsafe',
  },
  check: ({ view }) => {
    const cookies: CookieView[] = [sessionCookie(view), csrfCookie(view)]
    const seen = new Set<string>()
    return cookies.flatMap((c) => {
      const domain = c.domain.value
      if (domain === undefined || seen.has(c.domain.key)) return []
      seen.add(c.domain.key)
      const suffix = isPublicSuffix(domain) || !domain.replace(/^\./, '').includes('.')
      // The CSRF cookie alone carries no session and can never be prefixed (Kratos names it):
      // the session wording (steal sessions, __Host- impossible) would be wrong for it (QA N4).
      const csrfOnly = c.kind === 'csrf'
      return [
        {
          key: c.domain.key,
          messageId: suffix
            ? ('publicSuffix' as const)
            : csrfOnly
              ? ('csrfDomain' as const)
              : ('domain' as const),
          data: {
            cookie:
              c.domain.key === 'cookies.domain' && c.kind === 'session'
                ? 'session and CSRF cookies'
                : c.label,
            domain,
            key: c.domain.key,
          },
          severity: suffix && isPublicSuffix(domain) ? ('critical' as const) : ('medium' as const),
          fix: {
            kind: 'unsafe' as const,
            description: `remove ${c.domain.key}`,
            edits: [{ op: 'remove' as const, key: c.domain.key }],
          },
        },
      ]
    })
  },
})
