/**
 * Runs rules over one merged view under one profile and turns their reports into findings:
 * severity (profile override > report > rule default), wording, location, fingerprint.
 */
import { performance } from 'node:perf_hooks'
import type { ConfigView } from '../config/types.ts'
import type { Profile } from '../profiles/types.ts'
import { rules as allRules } from '../rules/index.ts'
import { formatMessage, isSkip, ruleDocsPath, type Rule, type RuleReport } from './define-rule.ts'
import { severityRank, type Finding, type Severity, type UnitResult } from './finding.ts'
import { fingerprint } from './fingerprint.ts'
import { effectiveFix } from './fix-kind.ts'
import { locate } from './locate.ts'
import { redactorFor, type ViewRedactor } from '../redact/view.ts'

export interface Evaluation {
  readonly findings: readonly Finding[]
  readonly units: readonly UnitResult[]
}

const toFinding = (
  rule: Rule,
  report: RuleReport,
  view: ConfigView,
  severity: Severity,
  redactor: ViewRedactor,
): Finding => {
  const template = rule.meta.messages[report.messageId] ?? report.messageId
  const where = report.at ?? locate(view, report.key)
  const identity = report.identity ?? view.get(report.key)
  return {
    ruleId: rule.id,
    severity,
    concern: rule.meta.concern,
    key: report.key,
    message: formatMessage(template, report.data, redactor.text),
    location: where.location,
    origin: where.origin,
    references: rule.meta.references,
    fix: report.fix === undefined ? null : effectiveFix(report.fix, view),
    suppressed: null,
    fingerprint: fingerprint(rule.id, report.key, identity),
  }
}

const unit = (rule: Rule, outcome: UnitResult['outcome'], extra: Partial<UnitResult> = {}) => ({
  id: rule.id,
  title: rule.meta.title,
  severity: rule.meta.severity,
  concern: rule.meta.concern,
  helpUri: ruleDocsPath(rule.id),
  references: rule.meta.references,
  outcome,
  ...extra,
})

/** Worst first, then by rule and key, so output is stable across runs. */
export const compareFindings = (a: Finding, b: Finding): number =>
  severityRank[b.severity] - severityRank[a.severity] ||
  a.ruleId.localeCompare(b.ruleId) ||
  a.key.localeCompare(b.key) ||
  (a.fingerprint ?? '').localeCompare(b.fingerprint ?? '')

export const evaluate = (
  view: ConfigView,
  profile: Profile,
  rules: readonly Rule[] = allRules,
): Evaluation => {
  // Learns the view's secrets once per view, and only when a rule reports something.
  const redactor = redactorFor(view)
  const findings: Finding[] = []
  const units: UnitResult[] = []
  for (const rule of rules) {
    const override = profile.severity[rule.id]
    if (override === 'off') {
      units.push(unit(rule, 'skipped', { reason: `off in profile ${profile.id}` }))
      continue
    }
    const started = performance.now()
    const result = rule.check({ view, profile })
    const durationMs = performance.now() - started
    if (isSkip(result)) {
      units.push(unit(rule, 'skipped', { reason: result.skip, durationMs }))
      continue
    }
    for (const report of result) {
      const severity = override ?? report.severity ?? rule.meta.severity
      findings.push(toFinding(rule, report, view, severity, redactor))
    }
    const severity = override ?? rule.meta.severity
    units.push(unit(rule, result.length > 0 ? 'fail' : 'pass', { severity, durationMs }))
  }
  return { findings: findings.sort(compareFindings), units }
}

export const runRules = (
  view: ConfigView,
  profile: Profile,
  rules: readonly Rule[] = allRules,
): Finding[] => [...evaluate(view, profile, rules).findings]
