import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { durationAt, span } from './lib/durations.ts'
import { setFix } from './lib/fixes.ts'

/**
 * `earliest_possible_extend` defaults to the lifespan, so every admin extend applies and each
 * one sets `expires_at = now + lifespan` again: no absolute cap (FACTS.md §5.4, §11.9).
 */
export default defineRule({
  id: 'session-extend-uncapped',
  meta: {
    title: 'every session extension goes through and nothing caps the total',
    severity: 'low',
    concern: 'session-lifetime',
    references: {
      asvs4: ['3.3.2'],
      asvs5: ['7.3.2'],
      nist: ['SP 800-63B-4 §2.2.3', 'SP 800-63B-4 §5.2', 'SP 800-63B §7.2'],
      cwe: ['CWE-613'],
      wstg: ['WSTG-SESS-07'],
    },
    unmapped: {
      pci: unmappedReasons.pciLifetime,
    },
    messages: {
      unset:
        "session.earliest_possible_extend is not set, so it equals session.lifespan ({{lifespan}}): every extend request applies and each one grants a fresh {{lifespan}}, so repeated extensions keep a session alive with no absolute cap. Set it to a short window (e.g. 1h) and enforce an absolute cap where sessions are checked (the guard's absoluteTimeout).",
      wide: 'session.earliest_possible_extend ({{window}}) is not shorter than session.lifespan ({{lifespan}}), so every extend request applies and repeated extensions have no absolute cap. Use a short window (e.g. 1h) and enforce an absolute cap where sessions are checked.',
    },
    fixable: 'unsafe',
  },
  check: ({ view }) => {
    const lifespan = durationAt(view, 'session.lifespan')
    if (lifespan === null || view.isExternal('session.earliest_possible_extend')) return []
    const key = 'session.earliest_possible_extend'
    const window = durationAt(view, key)
    const fix = setFix(key, '1h', 'unsafe')
    const unset = !view.has(key) || window === null
    // Judge the window Kratos runs with (unset = the lifespan, FACTS.md §1.1), so equal effective
    // configs get equal verdicts; sessions of an hour or less are not reported, which also makes
    // the 1h fix always clear the finding (QA L5).
    const effective = unset ? lifespan : window
    if (lifespan <= 3600 || effective < lifespan) return []
    if (unset) return [{ key, messageId: 'unset', data: { lifespan: span(lifespan) }, fix }]
    return [
      { key, messageId: 'wide', data: { window: span(window), lifespan: span(lifespan) }, fix },
    ]
  },
})
