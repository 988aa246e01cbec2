/**
 * Inline suppressions: `# aegis-ignore <rule-id>[,<rule-id>…] reason="…" until=YYYY-MM-DD` at the
 * end of the offending line or in the comment lines right above it. A reason is mandatory and an
 * expiry optional (Trivy's `exp:` idea, STANDARDS.md §3); a directive without a reason, with a bad
 * date or past its expiry does not suppress and becomes an `aegis-suppression-invalid` finding, so
 * nobody exempts themselves silently. CI can ignore every directive (--no-inline-suppressions).
 */
import type { Finding, SourceLocation } from './finding.ts'

export const invalidSuppressionRule = 'aegis-suppression-invalid'

export interface Directive {
  readonly file: string
  /** 1-based line of the comment. */
  readonly line: number
  readonly column: number
  /** True when the comment follows code on the same line. */
  readonly trailing: boolean
  readonly ruleIds: readonly string[]
  readonly reason: string | undefined
  readonly until: string | undefined
  /** Why the directive cannot suppress, if it cannot. */
  readonly problem: string | undefined
}

const directive = /(^|\s)#\s*aegis-ignore\b(.*)$/
const token = /^\s*(?:reason=(?:"([^"]*)"|'([^']*)')|until=(\S+))/
const isoDate = /^\d{4}-\d{2}-\d{2}$/

const validDate = (text: string): boolean =>
  isoDate.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)

const parseTail = (
  tail: string,
): { ids: string[]; reason?: string; until?: string; problem?: string } => {
  const ids = /^\s*([A-Za-z0-9_.,-]+)/.exec(tail)
  if (ids?.[1] === undefined) return { ids: [], problem: 'names no rule id' }
  let rest = tail.slice(ids[0].length)
  const out: { ids: string[]; reason?: string; until?: string; problem?: string } = {
    ids: ids[1].split(',').filter((s) => s !== ''),
  }
  while (rest.trim() !== '') {
    const m = token.exec(rest)
    if (m === null) return { ...out, problem: `cannot read "${rest.trim()}"` }
    if (m[3] !== undefined) out.until = m[3]
    else out.reason = (m[1] ?? m[2] ?? '').trim()
    rest = rest.slice(m[0].length)
  }
  return out
}

const problemOf = (parsed: ReturnType<typeof parseTail>, today: string): string | undefined => {
  if (parsed.problem !== undefined) return parsed.problem
  if (parsed.reason === undefined || parsed.reason === '') return 'has no reason="…"'
  if (parsed.until !== undefined && !validDate(parsed.until))
    return `has an invalid until date "${parsed.until}" (expected YYYY-MM-DD)`
  if (parsed.until !== undefined && parsed.until < today) return `expired on ${parsed.until}`
  return undefined
}

/** Every directive in one file's text; `today` is YYYY-MM-DD (UTC) for expiry checks. */
export const parseDirectives = (file: string, text: string, today: string): Directive[] => {
  const out: Directive[] = []
  text.split(/\r?\n/).forEach((lineText, i) => {
    const m = directive.exec(lineText)
    if (m === null) return
    const parsed = parseTail(m[2] ?? '')
    const column = m.index + (m[1]?.length ?? 0) + 1
    out.push({
      file,
      line: i + 1,
      column,
      trailing: lineText.slice(0, column - 1).trim() !== '',
      ruleIds: parsed.ids,
      reason: parsed.reason,
      until: parsed.until,
      problem: problemOf(parsed, today),
    })
  })
  return out
}

/** Directives that apply to a location: trailing on its line, or the comment block above it. */
const applicable = (
  directives: readonly Directive[],
  lines: readonly string[],
  at: SourceLocation,
): Directive[] => {
  const found = directives.filter((d) => d.trailing && d.line === at.line)
  for (let n = at.line - 1; n >= 1; n--) {
    if (!(lines[n - 1] ?? '').trimStart().startsWith('#')) break
    found.push(...directives.filter((d) => !d.trailing && d.line === n))
  }
  return found
}

const invalidFinding = (d: Directive, target: Finding | undefined): Finding => ({
  ruleId: invalidSuppressionRule,
  severity: 'low',
  concern: 'validity',
  key: target?.key ?? '',
  message: `aegis-ignore ${d.ruleIds.join(',') || '(no rule)'} ${d.problem ?? ''}; it does not suppress anything`,
  location: { file: d.file, line: d.line, column: d.column },
  origin: 'file',
  references: {},
  fix: null,
  suppressed: null,
})

export interface SuppressOutcome {
  readonly findings: readonly Finding[]
  readonly directives: readonly Directive[]
}

/**
 * Marks findings covered by a valid directive as suppressed (they stay in the result) and adds
 * one `aegis-suppression-invalid` finding per invalid directive.
 */
export const applyInlineSuppressions = (
  findings: readonly Finding[],
  sources: ReadonlyMap<string, { readonly text: string }>,
  today: string,
): SuppressOutcome => {
  const byFile = new Map<string, { lines: string[]; directives: Directive[] }>()
  for (const [file, { text }] of sources) {
    const directives = parseDirectives(file, text, today)
    if (directives.length > 0) byFile.set(file, { lines: text.split(/\r?\n/), directives })
  }
  const targets = new Map<Directive, Finding>()
  const out = findings.map((f): Finding => {
    const entry = f.location === null ? undefined : byFile.get(f.location.file)
    if (entry === undefined || f.location === null || f.suppressed !== null) return f
    const matching = applicable(entry.directives, entry.lines, f.location).filter((d) =>
      d.ruleIds.includes(f.ruleId),
    )
    for (const d of matching) if (!targets.has(d)) targets.set(d, f)
    const valid = matching.find((d) => d.problem === undefined)
    if (valid === undefined) return f
    const until = valid.until === undefined ? {} : { until: valid.until }
    return { ...f, suppressed: { kind: 'inline', reason: valid.reason ?? '', ...until } }
  })
  const all = [...byFile.values()].flatMap((e) => e.directives)
  const invalid = all
    .filter((d) => d.problem !== undefined)
    .map((d) => invalidFinding(d, targets.get(d)))
  return { findings: [...out, ...invalid], directives: all }
}

export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10)
