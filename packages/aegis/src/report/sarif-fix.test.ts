import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runAegis } from '../../../../test/support/cli.ts'
import type { Finding } from '../engine/finding.ts'
import { fixReplacement } from './sarif-fix.ts'

const finding = (line: number, column: number, endColumn: number, value: unknown): Finding => ({
  ruleId: 'log-leak-sensitive-values',
  severity: 'high',
  concern: 'logging',
  key: 'log.leak_sensitive_values',
  message: 'm',
  location: { file: 'docker-compose.yml', line, column, endLine: line, endColumn },
  origin: 'compose',
  references: {},
  fix: {
    kind: 'safe',
    description: 'd',
    edits: [{ op: 'set', key: 'log.leak_sensitive_values', value }],
  },
  suppressed: null,
})

/** Applies one replacement to a text the way a SARIF viewer does. */
const apply = (text: string, r: NonNullable<ReturnType<typeof fixReplacement>>): string => {
  const lines = text.split('\n')
  const line = lines[r.deletedRegion.startLine - 1]!
  lines[r.deletedRegion.startLine - 1] =
    line.slice(0, r.deletedRegion.startColumn - 1) +
    r.insertedContent.text +
    line.slice(r.deletedRegion.endColumn - 1)
  return lines.join('\n')
}

describe('SARIF fix replacements in a compose environment list (QA M7)', () => {
  const cases: [string, string][] = [
    ['      - LOG_LEAK_SENSITIVE_VALUES=true', '      - LOG_LEAK_SENSITIVE_VALUES=false'],
    ['      - "LOG_LEAK_SENSITIVE_VALUES=true"', '      - "LOG_LEAK_SENSITIVE_VALUES=false"'],
    ["      - 'LOG_LEAK_SENSITIVE_VALUES=true'", "      - 'LOG_LEAK_SENSITIVE_VALUES=false'"],
  ]
  it.each(cases)('replaces only the value in %s', (line, expected) => {
    const text = `services:\n  kratos:\n    environment:\n${line}\n`
    const start = line.indexOf('-') + 3
    const f = finding(4, start, line.length + 1, false)
    const r = fixReplacement(f, new Map([['docker-compose.yml', { text }]]))
    expect(r).toBeDefined()
    expect(apply(text, r!).split('\n')[3]).toBe(expected)
  })

  it('offers no machine fix for a value that would need quoting inside KEY=value', () => {
    const line = '      - SESSION_LIFESPAN=720h'
    const text = `services:\n  kratos:\n    environment:\n${line}\n`
    const f = { ...finding(4, 9, line.length + 1, 'a b # c'), key: 'session.lifespan' }
    const edits = [{ op: 'set' as const, key: 'session.lifespan', value: 'a b # c' }]
    expect(
      fixReplacement(
        { ...f, fix: { ...f.fix!, edits } },
        new Map([['docker-compose.yml', { text }]]),
      ),
    ).toBeUndefined()
  })

  it('keeps every entry of the insecure example a KEY=value entry after its SARIF fixes', async () => {
    const r = await runAegis(['audit', 'examples/insecure/docker-compose.yml', '--format', 'sarif'])
    expect(r.code).toBe(1)
    const file = 'examples/insecure/docker-compose.yml'
    const original = readFileSync(join(repoRoot, file), 'utf8')
    interface Change {
      artifactLocation: { uri: string }
      replacements: NonNullable<ReturnType<typeof fixReplacement>>[]
    }
    interface Result {
      ruleId: string
      fixes?: { artifactChanges: Change[] }[]
    }
    const results = (JSON.parse(r.stdout) as { runs: { results: Result[] }[] }).runs[0]!.results
    const changes = results.flatMap((x) => (x.fixes ?? []).flatMap((fx) => fx.artifactChanges))
    const inCompose = changes.filter((c) => c.artifactLocation.uri.endsWith('docker-compose.yml'))
    expect(inCompose.length).toBeGreaterThan(0)
    for (const change of inCompose) {
      const replacement = change.replacements[0]!
      const before = original.split('\n')[replacement.deletedRegion.startLine - 1]!
      const after = apply(original, replacement).split('\n')[
        replacement.deletedRegion.startLine - 1
      ]!
      if (/^\s*- [A-Z_]+=/.test(before)) {
        expect(after.slice(0, before.indexOf('=') + 1)).toBe(
          before.slice(0, before.indexOf('=') + 1),
        )
      }
    }
    const leak = results.find((x) => x.ruleId === 'log-leak-sensitive-values')
    const fixed = apply(original, leak!.fixes![0]!.artifactChanges[0]!.replacements[0]!)
    expect(fixed).toContain('      - LOG_LEAK_SENSITIVE_VALUES=false\n')
  })
})
