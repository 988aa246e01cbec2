/**
 * QA L14: messages, profile `cite`/`source` strings and every other string the tool can print
 * name public sources (Kratos' repository, docs, standards), never FACTS.md, which users do not
 * have. Comments may keep citing it. Every string and template literal of the shipped sources is
 * read with the TypeScript parser, so comments are never mistaken for output.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../../test/support/cli.ts'
import { profiles } from './profiles/index.ts'

const srcDir = new URL('.', import.meta.url).pathname

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : []
  })

const literals = (file: string): string[] => {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  const out: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text)
    else if (ts.isTemplateExpression(node)) {
      out.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text))
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

describe('user-facing text cites public sources', () => {
  it('no string literal in packages/aegis/src mentions FACTS', () => {
    const offenders = sources(srcDir).flatMap((file) =>
      literals(file)
        .filter((text) => /FACTS\b/.test(text))
        .map((text) => `${relative(srcDir, file)}: ${text}`),
    )
    expect(offenders).toEqual([])
  })

  it('profile cite and source strings name no private document', () => {
    for (const p of profiles) {
      expect(p.source).not.toMatch(/FACTS/)
      for (const c of [...Object.values(p.limits), ...Object.values(p.requires)]) {
        expect((c as { cite: string }).cite, p.id).not.toMatch(/FACTS/)
      }
    }
  })

  it('the published docs and README cite Kratos itself, not FACTS.md', () => {
    const pages = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? pages(join(dir, e.name))
          : e.name.endsWith('.md')
            ? [join(dir, e.name)]
            : [],
      )
    const offenders = [...pages(join(repoRoot, 'docs')), join(repoRoot, 'README.md')].flatMap(
      (file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => `${relative(repoRoot, file)}:${i + 1}: ${line}`)
          .filter((line) => /FACTS\b/.test(line)),
    )
    expect(offenders).toEqual([])
  })
})
