import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { secretItems } from './lib/secrets.ts'

/** One key, one purpose: a cipher key also used to sign cookies doubles what one leak exposes (CWE-323). */
export default defineRule({
  id: 'secret-reused',
  meta: {
    title: 'one secret serves several purposes',
    severity: 'low',
    concern: 'secrets',
    references: { cwe: ['CWE-323'] },
    unmapped: {
      asvs4: 'ASVS 4.0.3 has no one-key-one-purpose requirement in the chapters aegis maps',
      asvs5:
        'ASVS 5.0 has no one-key-one-purpose requirement among the ids aegis maps (11.2.3 asks for 128-bit strength, which a reused key can still have); its key-management policy requirements are outside them',
      nist: unmappedReasons.nistKeys,
      pci: unmappedReasons.pciKeys,
      wstg: unmappedReasons.wstgKeys,
    },
    messages: {
      reused:
        'The same secret appears in {{places}}: a leak through any one use (e.g. a logged pagination token key) compromises the others too. Give each purpose its own random secret.',
    },
  },
  check: ({ view }) => {
    const byValue = new Map<string, string[]>()
    for (const s of secretItems(view)) {
      const list = byValue.get(s.value) ?? []
      list.push(`${s.key}[${s.index}]`)
      byValue.set(s.value, list)
    }
    return [...byValue.entries()]
      .filter(([, places]) => new Set(places.map((p) => p.split('[')[0])).size > 1)
      .map(([value, places]) => ({
        key: places[0]?.split('[')[0] ?? 'secrets',
        messageId: 'reused' as const,
        data: { places: places.join(', ') },
        identity: value,
      }))
  },
})
