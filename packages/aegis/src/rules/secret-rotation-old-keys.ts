import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { durationAt, span } from './lib/durations.ts'
import { flowLifespanKeys } from './lib/flows.ts'
import { secretItems, type SecretPurpose } from './lib/secrets.ts'

/**
 * The first entry signs, the others only verify (FACTS.md §9). An old cookie secret protects
 * nothing once every session cookie, flow and link signed with it has expired: the longest of
 * the session lifespan (persistent cookie), flow lifespans and link/code lifespans.
 */
export default defineRule({
  id: 'secret-rotation-old-keys',
  meta: {
    title: 'old secrets are kept for verification',
    severity: 'low',
    concern: 'secret-rotation',
    references: { asvs5: ['13.3.4'], cwe: ['CWE-324'] },
    unmapped: {
      asvs4: "ASVS 4.0.3's secret-management requirements (6.4.1, 6.4.2) do not address rotation",
      nist: unmappedReasons.nistKeys,
      pci: unmappedReasons.pciKeys,
      wstg: unmappedReasons.wstgKeys,
    },
    messages: {
      inProgress:
        '{{key}} holds {{old}} retired entr{{plural}} after the signing one: rotation is in progress. Anything signed with a retired entry stops validating only once it is removed; remove it {{window}} after the rotation, when every cookie, flow and link it signed has expired.',
      many: '{{key}} keeps {{old}} retired entries: each one still verifies cookies{{links}} an attacker may hold from a leak, long after anything legitimate signed with it expired ({{window}}). Keep at most one retired entry, and only for {{window}} after a rotation.',
    },
  },
  check: ({ view }) => {
    const windows = ['session.lifespan', ...flowLifespanKeys].map((k) => durationAt(view, k) ?? 0)
    const window = span(Math.max(...windows))
    const counts = new Map<SecretPurpose, number>()
    for (const s of secretItems(view, ['cookie', 'default']))
      counts.set(s.purpose, (counts.get(s.purpose) ?? 0) + 1)
    return [...counts.entries()].flatMap(([purpose, n]) => {
      const key = `secrets.${purpose}`
      const old = n - 1
      if (old < 1) return []
      const data = {
        key,
        old,
        plural: old === 1 ? 'y' : 'ies',
        window,
        links: ' and recovery links',
      }
      return [
        {
          key,
          messageId: old === 1 ? ('inProgress' as const) : ('many' as const),
          data,
          severity: old === 1 ? ('info' as const) : ('low' as const),
          identity: n,
        },
      ]
    })
  },
})
