/**
 * SARIF 2.1.0 for GitHub code scanning (STANDARDS.md §3): stable ruleIds, rules with help and
 * `security-severity`, 1-based regions, partialFingerprints from the value fingerprint (never the
 * line, so moving a key keeps the alert), suppressions and fixes.
 */
import { fingerprintOf } from '../engine/baseline.ts'
import type { Finding, References, RunResult, Severity, UnitResult } from '../engine/finding.ts'
import { absoluteHelpUri, docsBaseUrl, toolRules } from './help-uri.ts'
import { maskLine } from '../redact/lines.ts'
import { fixReplacement } from './sarif-fix.ts'
import { sortFindings } from './shared.ts'
import type { RenderOptions } from './types.ts'

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json'

/**
 * GitHub maps security-severity to critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9.
 * We take a value inside each band (not on its edge, so rounding never moves a rule across),
 * and 0.0 for info, which GitHub shows without a security severity.
 */
export const securitySeverity: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
}

/** The SARIF level per severity, as Checkov, KICS and Trivy map theirs. */
export const sarifLevel: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
}

const tagsOf = (refs: readonly References[], concern: string): string[] => {
  const tags = new Set<string>(['security', concern])
  for (const r of refs) {
    for (const cwe of r.cwe ?? []) {
      const n = cwe.replace(/^CWE-/i, '')
      tags.add(`CWE-${n}`)
      tags.add(`external/cwe/cwe-${n}`)
    }
    for (const a of r.asvs4 ?? []) tags.add(`ASVS 4.0.3 V${a.replace(/^V/, '')}`)
    for (const a of r.asvs5 ?? []) tags.add(`ASVS 5.0 V${a.replace(/^V/, '')}`)
  }
  return [...tags]
}

interface RuleInfo {
  readonly id: string
  readonly unit: UnitResult | undefined
  readonly findings: Finding[]
}

const ruleInfos = (result: RunResult): RuleInfo[] => {
  const map = new Map<string, RuleInfo>()
  for (const u of result.units) map.set(u.id, { id: u.id, unit: u, findings: [] })
  for (const f of result.findings) {
    const info = map.get(f.ruleId) ?? { id: f.ruleId, unit: undefined, findings: [] }
    info.findings.push(f)
    map.set(f.ruleId, info)
  }
  return [...map.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

const ruleDescriptor = (info: RuleInfo) => {
  const first = info.findings[0]
  const severity = info.unit?.severity ?? first?.severity ?? 'info'
  const concern = info.unit?.concern ?? first?.concern ?? 'validity'
  const title = info.unit?.title ?? toolRules[info.id]?.title ?? info.id
  const helpUri = absoluteHelpUri(info.unit?.helpUri, info.id)
  const refs = [...(info.unit?.references === undefined ? [] : [info.unit.references])]
  refs.push(...info.findings.map((f) => f.references))
  const full = info.unit?.description ?? title
  return {
    id: info.id,
    name: info.id,
    shortDescription: { text: title },
    fullDescription: { text: full },
    helpUri,
    help: { text: `${full}\n\n${helpUri}`, markdown: `${full}\n\n[Documentation](${helpUri})` },
    defaultConfiguration: { level: sarifLevel[severity] },
    properties: {
      'security-severity': securitySeverity[severity],
      tags: tagsOf(refs, concern),
      precision: 'very-high',
    },
  }
}

/** A relative path as a URI reference (SARIF §3.4.3): `/` separators, every segment encoded. */
export const fileUri = (file: string): string =>
  file.replaceAll('\\', '/').split('/').map(encodeURIComponent).join('/')

const physical = (f: Finding, result: RunResult, options: RenderOptions) => {
  // Absence findings (a default applies) point at the first input file, line 1: code scanning
  // needs a location, and the file is where the missing key belongs.
  const loc =
    f.location ??
    (result.kind === 'audit' && result.inputs[0] !== undefined
      ? { file: result.inputs[0], line: 1, column: 1 }
      : null)
  if (loc === null) return undefined
  const text = options.sources?.get(loc.file)?.text.split(/\r?\n/)
  const snippet =
    text === undefined || f.location === null ? undefined : maskLine(text, loc.line - 1)
  return {
    artifactLocation: { uri: fileUri(loc.file), uriBaseId: '%SRCROOT%' },
    region: {
      startLine: Math.max(1, loc.line),
      startColumn: Math.max(1, loc.column),
      ...(loc.endLine === undefined ? {} : { endLine: Math.max(loc.line, loc.endLine) }),
      ...(loc.endColumn === undefined ? {} : { endColumn: Math.max(1, loc.endColumn) }),
      ...(snippet === undefined ? {} : { snippet: { text: snippet } }),
    },
  }
}

const sarifResult = (f: Finding, ruleIndex: number, result: RunResult, options: RenderOptions) => {
  const fp = fingerprintOf(f)
  const where = physical(f, result, options)
  const replacement = fixReplacement(f, options.sources)
  const fixed = replacement !== undefined && where !== undefined
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel[f.severity],
    message: { text: f.message },
    locations: [
      {
        ...(where === undefined ? {} : { physicalLocation: where }),
        logicalLocations: [{ fullyQualifiedName: f.key || f.ruleId, kind: 'member' }],
      },
    ],
    partialFingerprints: { primaryLocationLineHash: fp, 'aegisFingerprint/v1': fp },
    ...(f.suppressed === null
      ? {}
      : {
          suppressions: [
            {
              kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external',
              status: 'accepted',
              justification:
                f.suppressed.until === undefined
                  ? f.suppressed.reason
                  : `${f.suppressed.reason} (until ${f.suppressed.until})`,
            },
          ],
        }),
    ...(fixed && f.fix !== null
      ? {
          fixes: [
            {
              description: { text: f.fix.description },
              artifactChanges: [
                { artifactLocation: where.artifactLocation, replacements: [replacement] },
              ],
            },
          ],
        }
      : {}),
    properties: {
      key: f.key,
      concern: f.concern,
      origin: f.origin,
      severity: f.severity,
      references: f.references,
      ...(f.fix !== null && !fixed
        ? { fix: { kind: f.fix.kind, description: f.fix.description } }
        : {}),
      ...(f.evidence === undefined
        ? {}
        : { evidence: f.evidence.map((e) => ({ label: e.label, text: e.text })) }),
    },
  }
}

export const renderSarif = (result: RunResult, options: RenderOptions): string => {
  const infos = ruleInfos(result)
  const index = new Map(infos.map((r, i) => [r.id, i]))
  // Errors, and what a passing probe check observed, go to notifications: results are findings
  // only, since code scanning does not document `kind: pass` and would show them as alerts.
  const notifications = result.units
    .filter((u) => u.outcome === 'error' || (u.outcome === 'pass' && u.message !== undefined))
    .map((u) => ({
      level: u.outcome === 'error' ? 'error' : 'note',
      message: {
        text:
          u.outcome === 'error'
            ? `${u.id}: ${u.reason ?? 'failed to run'}`
            : `${u.id}: passed: ${u.message ?? ''}`,
      },
      descriptor: { id: u.id, index: index.get(u.id) ?? -1 },
    }))
  const log = {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: docsBaseUrl.replace(/\/blob\/main\/$/, ''),
            rules: infos.map(ruleDescriptor),
          },
        },
        automationDetails: { id: `${result.tool.name}/${result.kind}/` },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sortFindings(result.findings).map((f) =>
          sarifResult(f, index.get(f.ruleId) ?? -1, result, options),
        ),
        properties: { profile: result.profile, kratosVersion: result.kratosVersion },
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
