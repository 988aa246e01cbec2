import { defineRule } from '../engine/define-rule.ts'
import { durationAt, span } from './lib/durations.ts'

/** The JWT's `exp = now + ttl` is not capped at the session's expiry (FACTS.md §1.1). */
export default defineRule({
  id: 'tokenizer-ttl-exceeds-session',
  meta: {
    title: 'a whoami JWT outlives the session it was minted from',
    severity: 'medium',
    concern: 'session-lifetime',
    references: {
      asvs4: ['3.3.1', '3.5.3'],
      asvs5: ['7.4.1'],
      cwe: ['CWE-613'],
      wstg: ['WSTG-SESS-10'],
    },
    unmapped: {
      nist: 'the SP 800-63B session requirements aegis maps bound the session, not tokens minted from it',
      pci: 'PCI DSS v4.0.1 sets no requirement on tokens derived from a session',
    },
    messages: {
      longer:
        'Tokenizer template {{name}} mints JWTs valid for {{ttl}}, longer than session.lifespan ({{lifespan}}); Kratos does not cap exp at the session expiry, and logout or revocation cannot recall a JWT, so it stays valid after the session ends. Keep ttl short (minutes) and below the session lifespan.',
    },
  },
  check: ({ view }) => {
    const templates = view.get('session.whoami.tokenizer.templates')
    const lifespan = durationAt(view, 'session.lifespan')
    if (templates === null || typeof templates !== 'object' || lifespan === null) return []
    return Object.keys(templates).flatMap((name) => {
      const key = `session.whoami.tokenizer.templates.${name}.ttl`
      const ttl = durationAt(view, key) ?? 60 // schema default `1m`
      return ttl > lifespan
        ? [
            {
              key,
              messageId: 'longer' as const,
              data: { name, ttl: span(ttl), lifespan: span(lifespan) },
            },
          ]
        : []
    })
  },
})
