/** Ordering, grouping and wording shared by the reporters, so every format tells the same story. */
import {
  severities,
  severityRank,
  type Finding,
  type Outcome,
  type RunResult,
  type Severity,
  type SourceLocation,
  type UnitResult,
} from '../engine/finding.ts'

const byLocation = (a: SourceLocation | null, b: SourceLocation | null): number => {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
}

/** Worst first, then by file and line, then by rule and key: stable across runs. */
export const sortFindings = (findings: readonly Finding[]): Finding[] =>
  [...findings].sort(
    (a, b) =>
      severityRank[b.severity] - severityRank[a.severity] ||
      byLocation(a.location, b.location) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.key.localeCompare(b.key),
  )

/** Active findings grouped by concern, groups in order of their worst finding. */
export const groupByConcern = (findings: readonly Finding[]): [string, Finding[]][] => {
  const groups = new Map<string, Finding[]>()
  for (const f of sortFindings(findings)) {
    const list = groups.get(f.concern) ?? []
    list.push(f)
    groups.set(f.concern, list)
  }
  return [...groups.entries()]
}

export const active = (result: RunResult): Finding[] =>
  result.findings.filter((f) => f.suppressed === null)

export const suppressedOnes = (result: RunResult): Finding[] =>
  sortFindings(result.findings.filter((f) => f.suppressed !== null))

export const where = (location: SourceLocation | null): string =>
  location === null ? '' : `${location.file}:${location.line}:${location.column}`

export const countOutcomes = (result: RunResult): Record<Outcome, number> => {
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, error: 0, skipped: 0 }
  for (const u of result.units) counts[u.outcome]++
  return counts
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** The one summary line every human format ends with. */
export const summaryLine = (result: RunResult): string => {
  const s = result.summary
  const parts = severities
    .filter((sev: Severity) => s.bySeverity[sev] > 0)
    .map((sev) => `${s.bySeverity[sev]} ${sev}`)
  const head = s.total === 0 ? 'no findings' : `${plural(s.total, 'finding')} (${parts.join(', ')})`
  const o = countOutcomes(result)
  const unitWord = result.kind === 'probe' ? 'check' : 'rule'
  const units =
    result.units.length === 0
      ? []
      : [
          `${plural(result.units.length, unitWord)}: ${o.pass} passed, ${o.fail} failed, ${o.error} errored, ${o.skipped} skipped`,
        ]
  const suppressed = s.suppressed > 0 ? [`${s.suppressed} suppressed`] : []
  const baselined =
    s.baselined !== undefined && s.baselined > 0 ? [`${s.baselined} in the baseline`] : []
  return [head, ...suppressed, ...baselined, ...units].join(' · ')
}

/** After the version in report headers: an assumed version is not a detected one (QA N18). */
export const assumedNote = (result: RunResult): string =>
  result.kratosVersionSource === 'assumed' ? ' (assumed; set --kratos-version)' : ''

/** The note a unit carries in any outcome: the reason it was skipped or errored, or what it saw. */
export const unitNote = (u: UnitResult): string | undefined => u.reason ?? u.message

export const fixLabel = (f: Finding): string | undefined =>
  f.fix === null ? undefined : `fix (${f.fix.kind}): ${f.fix.description}`

export const screenshotBytes = (base64: string): number =>
  Math.floor((base64.replace(/=+$/, '').length * 3) / 4)

export const byteSize = (n: number): string =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KiB`
      : `${(n / 1048576).toFixed(1)} MiB`
