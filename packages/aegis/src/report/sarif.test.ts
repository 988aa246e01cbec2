import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { plantedSecrets, result, sources } from '../../../../test/fixtures/result.ts'
import { sarifErrors } from '../../../../test/fixtures/result-sarif.ts'
import { concerns, severities, summarize, type Finding, type RunResult } from '../engine/finding.ts'
import { renderSarif, securitySeverity } from './sarif.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed SARIF log is probed freely
const parse = (r: RunResult = result): any => JSON.parse(renderSarif(r, { sources }))

/** GitHub's bands for security-severity (code scanning docs). */
const band = (score: number): string =>
  score > 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : 'none'

describe('sarif reporter', () => {
  it('matches the snapshot', async () => {
    await expect(renderSarif(result, { sources })).toMatchFileSnapshot('__snapshots__/result.sarif')
  })

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(sarifErrors(parse())).toEqual([])
    const empty = { ...result, findings: [], units: [], summary: summarize([]) }
    expect(sarifErrors(parse(empty))).toEqual([])
  })

  it('meets GitHub code scanning constraints', () => {
    const run = parse().runs[0]
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id)
    for (const r of run.results) {
      expect(ids[r.ruleIndex]).toBe(r.ruleId)
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}$/)
      const region = r.locations[0].physicalLocation?.region
      expect(region.startLine).toBeGreaterThanOrEqual(1)
      expect(region.startColumn).toBeGreaterThanOrEqual(1)
    }
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(
        /^https:\/\/github\.com\/kratos-aegis\/kratos-aegis\/blob\/main\/docs\//,
      )
      expect(rule.shortDescription.text).not.toBe('')
      expect(rule.properties.tags).toContain('security')
    }
    const lifespan = run.tool.driver.rules.find(
      (r: { id: string }) => r.id === 'session-lifespan-too-long',
    )
    expect(lifespan.properties.tags).toEqual(
      expect.arrayContaining(['CWE-613', 'external/cwe/cwe-613', 'ASVS 4.0.3 V3.3.2']),
    )
  })

  it('puts every severity in its GitHub band', () => {
    for (const s of severities) {
      expect(band(Number(securitySeverity[s]))).toBe(s === 'info' ? 'none' : s)
    }
  })

  it('marks suppressed findings and carries fixes where a location exists', () => {
    const results = parse().runs[0].results
    const suppressed = results.find(
      (r: { ruleId: string }) => r.ruleId === 'session-cookie-same-site-none',
    )
    expect(suppressed.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'legacy SSO partner, SEC-12 (until 2099-12-31)',
      },
    ])
    const lifespan = results.find(
      (r: { ruleId: string }) => r.ruleId === 'session-lifespan-too-long',
    )
    expect(lifespan.fixes[0].artifactChanges[0].replacements).toEqual([
      {
        deletedRegion: { startLine: 12, startColumn: 13, endLine: 12, endColumn: 17 },
        insertedContent: { text: '12h' },
      },
    ])
    const idle = results.find(
      (r: { ruleId: string }) => r.ruleId === 'session-idle-timeout-missing',
    )
    expect(idle.fixes).toBeUndefined()
    expect(idle.properties.fix.description).toContain('@kratos-aegis/guard')
    const secret = results.find((r: { ruleId: string }) => r.ruleId === 'secrets-cookie-too-short')
    expect(secret.fixes).toBeUndefined()
  })

  it('never carries a planted secret (snippets are masked)', () => {
    const text = renderSarif(result, { sources })
    for (const s of plantedSecrets) expect(text).not.toContain(s)
    expect(text).toContain('"text": "    - [redacted]"')
  })

  it('stays schema-valid for arbitrary findings', () => {
    const finding = fc.record({
      ruleId: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/),
      severity: fc.constantFrom(...severities),
      concern: fc.constantFrom(...concerns),
      key: fc.string(),
      message: fc.string(),
      location: fc.option(
        fc.record({
          file: fc.constantFrom('deploy/kratos.yml', 'deploy/.env', 'x y/ü.yaml'),
          line: fc.integer({ min: 1, max: 30 }),
          column: fc.integer({ min: 1, max: 40 }),
        }),
      ),
      origin: fc.constantFrom('file' as const, 'env' as const, 'default' as const),
      references: fc.record({ cwe: fc.array(fc.constantFrom('CWE-613', '384')) }),
      fix: fc.option(
        fc.record({
          kind: fc.constantFrom('safe' as const, 'unsafe' as const),
          description: fc.string(),
          edits: fc.constant([{ op: 'set' as const, key: 'session.lifespan', value: '1h' }]),
        }),
      ),
      suppressed: fc.option(
        fc.record({
          kind: fc.constantFrom('inline' as const, 'baseline' as const),
          reason: fc.string(),
        }),
      ),
    })
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 8 }), (findings: Finding[]) => {
        const r: RunResult = { ...result, findings, summary: summarize(findings) }
        expect(sarifErrors(JSON.parse(renderSarif(r, { sources })))).toEqual([])
      }),
      { numRuns: 60 },
    )
  })
})
