/**
 * The JSON contract (docs/reports.md "JSON"): the real CLI's `--format json` output over
 * examples/insecure has at least the contract's fields, each with its type and allowed values.
 * Extra fields are allowed; a missing or mistyped one fails.
 */
import { describe, expect, it } from 'vitest'
import { runAegis } from '../../../../test/support/cli.ts'

const severities = ['critical', 'high', 'medium', 'low', 'info']
const origins = ['file', 'env', 'flag', 'default', 'compose', 'helm', 'kubernetes']
const referenceKinds = ['asvs4', 'asvs5', 'nist', 'pci', 'cwe', 'wstg', 'owasp']

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0
const isPosition = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1

/** What is wrong with a finding, field by field; empty when it meets the contract. */
const findingProblems = (f: Json): string[] => {
  const out: string[] = []
  const need = (ok: boolean, what: string) => {
    if (!ok) out.push(`${String(f['ruleId'])} ${String(f['key'])}: ${what}`)
  }
  for (const field of ['ruleId', 'concern', 'key', 'message'])
    need(typeof f[field] === 'string' && f[field] !== '', `${field} is a non-empty string`)
  need(severities.includes(f['severity'] as string), 'severity is one of the five')
  need(origins.includes(f['origin'] as string), 'origin is one of the seven')
  const location = f['location']
  need(
    location === null ||
      (isObject(location) &&
        typeof location['file'] === 'string' &&
        location['file'] !== '' &&
        isPosition(location['line']) &&
        isPosition(location['column'])),
    'location is null or {file, line, column}',
  )
  const references = f['references']
  need(
    isObject(references) &&
      Object.entries(references).every(
        ([kind, ids]) =>
          referenceKinds.includes(kind) &&
          Array.isArray(ids) &&
          ids.every((id) => typeof id === 'string'),
      ),
    'references maps standard kinds to lists of ids',
  )
  const fix = f['fix']
  need(
    fix === null ||
      (isObject(fix) &&
        ['safe', 'unsafe'].includes(fix['kind'] as string) &&
        typeof fix['description'] === 'string' &&
        Array.isArray(fix['edits'])),
    'fix is null or {kind, description, edits}',
  )
  need(f['suppressed'] === null || isObject(f['suppressed']), 'suppressed is null or an object')
  return out
}

describe('--format json meets the documented contract (examples/insecure)', () => {
  it('has every required top-level and per-finding field with its type', async () => {
    const r = await runAegis([
      'audit',
      'examples/insecure',
      '--format',
      'json',
      '--fail-on',
      'none',
    ])
    expect(r.code).toBe(0)
    const result = JSON.parse(r.stdout) as Json

    expect(result['tool']).toEqual({ name: 'kratos-aegis', version: expect.any(String) })
    expect(typeof result['profile']).toBe('string')
    expect(result['kratosVersion'] === null || typeof result['kratosVersion'] === 'string').toBe(
      true,
    )
    expect(result['inputs']).toEqual(['examples/insecure'])
    const summary = result['summary'] as Json
    expect(isCount(summary['total']) && isCount(summary['suppressed'])).toBe(true)
    const bySeverity = summary['bySeverity'] as Json
    expect(Object.keys(bySeverity).sort()).toEqual([...severities].sort())
    expect(Object.values(bySeverity).every(isCount)).toBe(true)

    const findings = result['findings'] as Json[]
    expect(Array.isArray(findings)).toBe(true)
    // The insecure example fails on purpose: a contract checked over no finding proves nothing.
    expect(findings.length).toBeGreaterThan(10)
    expect(findings.flatMap(findingProblems)).toEqual([])
    // The summary counts what the list holds.
    const active = findings.filter((f) => f['suppressed'] === null)
    expect(summary['total']).toBe(active.length)
    for (const s of severities)
      expect(bySeverity[s], s).toBe(active.filter((f) => f['severity'] === s).length)
    // Both kinds of location occur here: a set key's position and a default's null.
    expect(findings.some((f) => f['location'] === null)).toBe(true)
    expect(findings.some((f) => f['location'] !== null)).toBe(true)

    // The documented extras are there too, so the docs list what the output holds.
    expect(result['formatVersion']).toBe(1)
    expect(result['kind']).toBe('audit')
    expect(['config', 'image', 'user', 'assumed']).toContain(result['kratosVersionSource'])
    expect(Array.isArray(result['units']) && Array.isArray(result['lifetimes'])).toBe(true)
    expect(findings.every((f) => typeof f['fingerprint'] === 'string')).toBe(true)
  })

  it('rejects what breaks the contract (the checker can fail)', () => {
    const good: Json = {
      ruleId: 'r',
      severity: 'high',
      concern: 'validity',
      key: 'k',
      message: 'm',
      location: { file: 'a.yml', line: 1, column: 1 },
      origin: 'file',
      references: { cwe: ['CWE-1'] },
      fix: null,
      suppressed: null,
    }
    expect(findingProblems(good)).toEqual([])
    for (const bad of [
      { severity: 'severe' },
      { origin: 'probe-ish' },
      { location: { file: 'a.yml', line: 0, column: 1 } },
      { location: { line: 1, column: 1 } },
      { references: { cwe: 'CWE-1' } },
      { fix: { kind: 'maybe', description: '', edits: [] } },
      { suppressed: 'yes' },
      { key: undefined },
    ]) {
      expect(findingProblems({ ...good, ...bad }), JSON.stringify(bad)).not.toEqual([])
    }
  })
})
