/**
 * Rules, tests and doc pages stay in step: one of each per rule, the docs' insecure example
 * triggers the rule, the secure one does not, and the rule's fix turns the insecure one secure.
 */
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repoRoot } from '../../../../test/support/cli.ts'
import { viewFromObject } from '../config/index.ts'
import { referenceKinds } from '../engine/define-rule.ts'
import type { Finding, FixEdit, References } from '../engine/finding.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import type { KratosVersion } from '../kratos/types.ts'
import { rules } from './index.ts'

const docsDir = join(repoRoot, 'docs/rules')
const rulesDir = join(repoRoot, 'packages/aegis/src/rules')
const ids = rules.map((r) => r.id)

/** How a doc page's References list names each standard: `- <label>: <ids>` or `- <label>: none — <reason>`. */
const referenceLabels: Readonly<Record<keyof References, string>> = {
  asvs4: 'OWASP ASVS 4.0.3',
  asvs5: 'OWASP ASVS 5.0',
  nist: 'NIST',
  pci: 'PCI DSS v4.0.1',
  cwe: 'CWE',
  wstg: 'OWASP WSTG',
  owasp: 'OWASP Top 10',
}

interface Example {
  tree: Record<string, unknown>
  env: Record<string, string>
  options: { dev?: boolean; profile?: string; version?: KratosVersion }
}

const section = (doc: string, heading: string): string => {
  const start = doc.indexOf(`## ${heading}\n`)
  if (start < 0) throw new Error(`missing section ${heading}`)
  const rest = doc.slice(start + heading.length + 4)
  const end = rest.indexOf('\n## ')
  return end < 0 ? rest : rest.slice(0, end)
}

const example = (doc: string, heading: string): Example => {
  const text = section(doc, heading)
  const block = (lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(text)?.[1]
  const yaml = block('yaml')
  if (yaml === undefined) throw new Error(`no yaml block under ${heading}`)
  const env = Object.fromEntries(
    (block('env') ?? '')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  )
  const options = /<!-- aegis-example: (\{.*\}) -->/.exec(text)?.[1]
  return {
    tree: (parse(yaml) ?? {}) as Record<string, unknown>,
    env,
    options: options === undefined ? {} : JSON.parse(options),
  }
}

const run = (id: string, ex: Example): Finding[] => {
  const rule = rules.find((r) => r.id === id)!
  const view = viewFromObject(ex.tree, {
    env: ex.env,
    ...(ex.options.dev === undefined ? {} : { dev: ex.options.dev }),
    ...(ex.options.version === undefined ? {} : { version: ex.options.version }),
  })
  return runRules(view, getProfile(ex.options.profile ?? 'baseline'), [rule])
}

/** Applies set/remove/generate edits to a plain tree, as the fix engine would to the file. */
const applyEdits = (
  tree: Record<string, unknown>,
  edits: readonly FixEdit[],
): Record<string, unknown> => {
  const copy = structuredClone(tree)
  for (const edit of edits) {
    const parts = edit.key.split('.')
    const last = parts.pop()!
    let node: Record<string, unknown> = copy
    for (const p of parts) node = (node[p] ??= {}) as Record<string, unknown>
    if (edit.op === 'set') node[last] = edit.value
    else if (edit.op === 'remove') Reflect.deleteProperty(node, last)
    else if (edit.op === 'generate-secret')
      node[last] = [randomBytes(edit.length / 2).toString('hex')]
  }
  return copy
}

/** The concerns issue 3 names, in its words. */
const auditConcerns = [
  'session-lifetime',
  'cookie-persistence',
  'inactivity',
  'flow-lifetime',
  'reauthentication',
  'mfa',
  'cookie-samesite',
  'cookie-scope',
  'cookie-prefix',
  'cookie-secure',
  'transport',
  'dev-mode',
  'secrets',
  'secret-rotation',
  'storage',
  'encryption-at-rest',
  'cors',
  'return-urls',
  'logging',
  'validity',
]

describe('rule registry', () => {
  it('covers every audit concern', () => {
    const covered = new Set<string>(rules.map((r) => r.meta.concern))
    expect(auditConcerns.filter((c) => !covered.has(c))).toEqual([])
  })

  it('is sorted by id, with unique ids', () => {
    expect(ids).toEqual([...ids].sort())
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('has one source file, one test file and one doc page per rule, and nothing else', () => {
    const files = readdirSync(rulesDir)
    const sources = files.filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts',
    )
    expect(sources.map((f) => f.slice(0, -3)).sort()).toEqual([...ids].sort())
    for (const id of ids) expect(files).toContain(`${id}.test.ts`)
    const docs = readdirSync(docsDir).filter((f) => f.endsWith('.md'))
    expect(docs.map((f) => f.slice(0, -3)).sort()).toEqual([...ids].sort())
  })
})

describe.each(ids)('docs/rules/%s.md', (id) => {
  const doc = readFileSync(join(docsDir, `${id}.md`), 'utf8')
  const rule = rules.find((r) => r.id === id)!

  it('states the concern and severity the rule has', () => {
    expect(doc.startsWith(`# ${id}\n`)).toBe(true)
    expect(doc).toContain(`| Concern | \`${rule.meta.concern}\` |`)
    expect(doc).toContain(`| Default severity | \`${rule.meta.severity}\``)
  })

  it('has an insecure example that triggers the rule', () => {
    expect(run(id, example(doc, 'Insecure example')).length).toBeGreaterThan(0)
  })

  it('has a secure example that does not', () => {
    expect(run(id, example(doc, 'Secure example'))).toEqual([])
  })

  it('lists, for each standard, the ids the rule cites or why it cites none', () => {
    const listed = section(doc, 'References').split('\n')
    for (const kind of [...referenceKinds, 'owasp'] as const) {
      const ids = rule.meta.references[kind] ?? []
      const reason = kind === 'owasp' ? undefined : rule.meta.unmapped?.[kind]
      if (ids.length > 0) expect(listed).toContain(`- ${referenceLabels[kind]}: ${ids.join(', ')}`)
      else if (reason !== undefined)
        expect(listed).toContain(`- ${referenceLabels[kind]}: none — ${reason}`)
    }
  })

  it('states the fix kind the rule declares, and a declared fix exists (QA N13)', () => {
    const declared = rule.meta.fixable ?? 'none'
    expect(doc).toContain(`| Fix | ${declared} |`)
    if (declared === 'none') return
    const fixes = run(id, example(doc, 'Insecure example')).filter((f) => f.fix !== null)
    expect(fixes.length).toBeGreaterThan(0)
  })

  it('fixes the insecure example when the rule offers a fix', () => {
    const insecure = example(doc, 'Insecure example')
    const fixable = run(id, insecure).filter(
      (f) => f.fix !== null && (f.origin === 'file' || f.origin === 'default'),
    )
    for (const f of fixable) {
      const fixed = { ...insecure, tree: applyEdits(insecure.tree, f.fix!.edits) }
      expect(run(id, fixed).filter((g) => g.key === f.key)).toEqual([])
    }
  })
})
