import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { durationAt, span } from './lib/durations.ts'
import { setFix } from './lib/fixes.ts'

/** `persistent: true` (default) sets Max-Age = time left, so the cookie survives a browser restart (FACTS.md §4.1). */
export default defineRule({
  id: 'session-cookie-persistent',
  meta: {
    title: 'the session cookie survives a browser restart',
    severity: 'low',
    concern: 'cookie-persistence',
    references: {
      asvs4: ['3.2.3'],
      nist: ['SP 800-63B-4 §5.1', 'SP 800-63B §7.2'],
      cwe: ['CWE-539'],
      wstg: ['WSTG-SESS-02'],
    },
    unmapped: {
      asvs5:
        'ASVS 5.0 does not address cookie persistence (3.3.1 to 3.3.5 cover attributes, prefixes and size)',
      pci: unmappedReasons.pciCookies,
    },
    messages: {
      persistent:
        'session.cookie.persistent is {{how}}: the session cookie carries Max-Age/Expires (up to {{lifespan}}) and survives a browser restart, on shared devices too; {{cite}} says session secrets {{level}} be non-persistent. Set session.cookie.persistent to false.',
    },
    fixable: 'unsafe',
  },
  check: ({ view, profile }) => {
    const required = profile.requires.nonPersistentCookie
    if (required === undefined) return { skip: `${profile.id} does not address cookie persistence` }
    const key = 'session.cookie.persistent'
    if (view.isExternal(key) || view.get(key) === false) return []
    const lifespan = durationAt(view, 'session.lifespan') ?? 86_400
    const level = required.level === 'SHALL' ? 'SHALL' : 'SHOULD'
    const how = view.has(key) ? 'true' : 'true by default'
    return [
      {
        key,
        messageId: 'persistent',
        data: { how, lifespan: span(lifespan), cite: required.cite, level },
        fix: setFix(key, false, 'unsafe'),
      },
    ]
  },
})
