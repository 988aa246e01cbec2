/**
 * Issue 3: every rule answers for every standard. Each of asvs4, asvs5, nist, pci, cwe and wstg
 * has ids in `references` or a reason in `unmapped`, never both, and every id is one
 * STANDARDS.md writes in the section of its own standard (a parent section such as
 * `SP 800-63B-4 §2.2` counts when STANDARDS.md writes a subsection of it, as in the profiles).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sharedDir } from '../../../../test/support/cli.ts'
import { referenceKinds, type ReferenceKind } from '../engine/define-rule.ts'
import { rules } from './index.ts'

const standards = readFileSync(join(sharedDir, 'standards/STANDARDS.md'), 'utf8')

/** The text of the `### <number>` section of STANDARDS.md, up to the next heading. */
const section = (number: string): string => {
  const start = standards.indexOf(`\n### ${number} `)
  if (start < 0) throw new Error(`STANDARDS.md has no section ${number}`)
  const end = standards.slice(start + 1).search(/\n#{2,3} /)
  return end < 0 ? standards.slice(start) : standards.slice(start, start + 1 + end)
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** `3.4.1` in the text, not `13.4.1` or `3.4.10`. */
const written = (text: string, id: string): boolean =>
  new RegExp(`(?<![\\d.])${escape(id)}(?!\\d)`).test(text)

const wstgParagraph = /WSTG session test IDs[\s\S]*?\n\n/.exec(standards)?.[0] ?? ''
const wstgIds = new Set(
  [...wstgParagraph.matchAll(/(?:WSTG-SESS)?-(\d\d)\b/g)].map((m) => `WSTG-SESS-${m[1]}`),
)

/** Why an id is not one STANDARDS.md writes for its standard, or undefined when it is. */
const problem = (kind: ReferenceKind, id: string): string | undefined => {
  switch (kind) {
    case 'asvs4':
      return written(section('1.1'), id) ? undefined : 'not in STANDARDS.md §1.1 (ASVS 4.0.3)'
    case 'asvs5':
      return written(section('1.2'), id) ? undefined : 'not in STANDARDS.md §1.2 (ASVS 5.0)'
    case 'pci':
      return written(section('1.5'), id) ? undefined : 'not in STANDARDS.md §1.5 (PCI DSS)'
    case 'nist': {
      const m = /^SP 800-63B(-4)? (§[\d.]+)$/.exec(id)
      if (m === null) return 'not written "SP 800-63B §x" or "SP 800-63B-4 §x"'
      const [where, text] = m[1] === undefined ? ['§1.3', section('1.3')] : ['§1.4', section('1.4')]
      return new RegExp(`${escape(m[2] ?? '')}(?!\\d)`).test(text)
        ? undefined
        : `not in STANDARDS.md ${where}`
    }
    case 'wstg':
      return wstgIds.has(id) ? undefined : 'not among the WSTG session test ids STANDARDS.md lists'
    case 'cwe':
      return /^CWE-\d+$/.test(id) ? undefined : 'not written CWE-<number>'
  }
}

describe('rule references (issue 3)', () => {
  it('reads the sections it checks against from STANDARDS.md', () => {
    expect(section('1.1')).toContain('3.4.4')
    expect(section('1.2')).toContain('7.4.3')
    expect(section('1.3')).toContain('§4.2.3')
    expect(section('1.4')).toContain('§5.1.1')
    expect(section('1.5')).toContain('8.2.8')
    expect([...wstgIds].sort()).toEqual(
      Array.from({ length: 11 }, (_, i) => `WSTG-SESS-${String(i + 1).padStart(2, '0')}`),
    )
    expect(problem('asvs4', '13.4.1')).toBeDefined()
    expect(problem('nist', 'SP 800-63B §5.1.1')).toBeDefined()
    expect(problem('nist', 'SP 800-63B-4 §2.2')).toBeUndefined()
  })

  it('gives every rule, for each standard, ids or a reason for citing none, never both', () => {
    const gaps = rules.flatMap((rule) =>
      referenceKinds.flatMap((kind) => {
        const ids = rule.meta.references[kind] ?? []
        const reason = rule.meta.unmapped?.[kind]?.trim() ?? ''
        if (ids.length === 0 && reason === '')
          return [`${rule.id}: ${kind} has no id and no reason`]
        if (ids.length > 0 && reason !== '') return [`${rule.id}: ${kind} has ids and a reason`]
        return []
      }),
    )
    expect(gaps).toEqual([])
  })

  it('cites only ids STANDARDS.md writes for that standard', () => {
    const wrong = rules.flatMap((rule) =>
      referenceKinds.flatMap((kind) =>
        (rule.meta.references[kind] ?? []).flatMap((id) => {
          const why = problem(kind, id)
          return why === undefined ? [] : [`${rule.id}: ${kind} ${id} ${why}`]
        }),
      ),
    )
    expect(wrong).toEqual([])
  })
})
