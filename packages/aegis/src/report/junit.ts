/**
 * JUnit XML for CI test tabs (Jenkins, GitLab, Azure): one testsuite per concern, one testcase per
 * rule or check. A failed rule is a <failure>, a rule that could not run an <error>, one that did
 * not run <skipped>: three different things a reviewer must not confuse.
 */
import { concerns, type Finding, type RunResult, type UnitResult } from '../engine/finding.ts'
import { toolRules } from './help-uri.ts'
import { active, fixLabel, sortFindings, where } from './shared.ts'
import { xmlAttr, xmlText } from './xml.ts'

interface Case {
  readonly unit: UnitResult
  readonly findings: readonly Finding[]
}

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3)

/** Units plus a synthetic unit for findings of tool rules (e.g. invalid suppressions). */
const casesOf = (result: RunResult): Case[] => {
  const live = active(result)
  const cases: Case[] = result.units.map((unit) => ({
    unit,
    findings: sortFindings(live.filter((f) => f.ruleId === unit.id)),
  }))
  const known = new Set(result.units.map((u) => u.id))
  for (const f of sortFindings(live)) {
    if (known.has(f.ruleId)) continue
    known.add(f.ruleId)
    const title = toolRules[f.ruleId]?.title ?? f.ruleId
    const unit: UnitResult = {
      id: f.ruleId,
      title,
      severity: f.severity,
      concern: f.concern,
      helpUri: '',
      outcome: 'fail',
    }
    cases.push({ unit, findings: live.filter((x) => x.ruleId === f.ruleId) })
  }
  return cases
}

type Verdict = 'pass' | 'failure' | 'error' | 'skipped'

const verdict = (c: Case): Verdict => {
  if (c.findings.length > 0) return 'failure'
  if (c.unit.outcome === 'error') return 'error'
  if (c.unit.outcome === 'skipped') return 'skipped'
  return 'pass'
}

const findingText = (f: Finding): string =>
  [
    `[${f.severity}] ${f.key}${f.location === null ? '' : ` at ${where(f.location)}`}`,
    f.message,
    ...(f.evidence ?? []).map((e) => `${e.label}: ${e.text}`),
    fixLabel(f) ?? '',
  ]
    .filter((l) => l !== '')
    .join('\n')

const testcase = (c: Case, kind: string): string => {
  const u = c.unit
  const open = `    <testcase classname="${xmlAttr(`aegis.${kind}.${u.concern}`)}" name="${xmlAttr(`${u.id}: ${u.title}`)}" time="${seconds(u.durationMs)}"`
  switch (verdict(c)) {
    case 'pass':
      // A pass that observed something keeps it (JUnit's per-case output), e.g. "re-authentication
      // issued a new session id".
      return u.message === undefined
        ? `${open}/>`
        : `${open}>\n      <system-out>${xmlText(u.message)}</system-out>\n    </testcase>`
    case 'skipped':
      return `${open}>\n      <skipped message="${xmlAttr(u.reason ?? 'not run')}"/>\n    </testcase>`
    case 'error':
      return `${open}>\n      <error type="error" message="${xmlAttr(u.reason ?? 'failed to run')}"/>\n    </testcase>`
    case 'failure': {
      const first = c.findings[0]
      const message =
        c.findings.length === 1 && first !== undefined
          ? first.message
          : `${c.findings.length} findings`
      const body = c.findings.map(findingText).join('\n\n')
      return `${open}>\n      <failure type="${xmlAttr(c.findings[0]?.severity ?? u.severity)}" message="${xmlAttr(message)}">${xmlText(body)}</failure>\n    </testcase>`
    }
  }
}

const counts = (cases: readonly Case[]) => {
  const v = cases.map(verdict)
  const n = (k: Verdict): number => v.filter((x) => x === k).length
  const time = cases.reduce((t, c) => t + (c.unit.durationMs ?? 0), 0)
  return `tests="${cases.length}" failures="${n('failure')}" errors="${n('error')}" skipped="${n('skipped')}" time="${seconds(time)}"`
}

export const renderJunit = (result: RunResult): string => {
  const cases = casesOf(result)
  const order = (c: string): number => (concerns as readonly string[]).indexOf(c)
  const groups = [...new Set(cases.map((c) => c.unit.concern))].sort((a, b) => order(a) - order(b))
  const name = `${result.tool.name} ${result.kind}`
  const suites = groups.map((g) => {
    const inGroup = cases.filter((c) => c.unit.concern === g)
    return [
      `  <testsuite name="${xmlAttr(`${name}: ${g}`)}" ${counts(inGroup)}>`,
      ...inGroup.map((c) => testcase(c, result.kind)),
      '  </testsuite>',
    ].join('\n')
  })
  const props = [
    `profile=${result.profile}`,
    `kratosVersion=${result.kratosVersion ?? 'unknown'}`,
    `suppressed=${result.summary.suppressed}`,
  ]
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${xmlText(props.join(' ')).replace(/--/g, '- -')} -->`,
    `<testsuites name="${xmlAttr(name)}" ${counts(cases)}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}
