/**
 * Markdown for pull-request comments (GitHub-flavoured): a summary, one table row per finding,
 * details, suppressed findings and units folded in <details>. Every text from a finding is
 * escaped, since GitHub renders inline HTML.
 */
import { severities, type Finding, type RunResult, type Severity } from '../engine/finding.ts'
import { frameLines } from './code-frame.ts'
import { absoluteHelpUri } from './help-uri.ts'
import {
  assumedNote,
  active,
  countOutcomes,
  fixLabel,
  sortFindings,
  suppressedOnes,
  summaryLine,
  where,
  unitNote,
} from './shared.ts'
import type { RenderOptions } from './types.ts'

const icon: Readonly<Record<Severity, string>> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  info: '⬜',
}

/** Text safe inside a table cell and as inline Markdown: HTML, pipes, emphasis and newlines. */
export const mdText = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/\r?\n/g, '<br>')

/** A code span that survives any backticks inside (CommonMark §6.1). */
const code = (text: string): string => {
  if (text === '') return ''
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`
}

const fenced = (lines: readonly string[], lang: string): string[] => {
  const longest = Math.max(
    2,
    ...lines.flatMap((l) => [...l.matchAll(/`+/g)].map((m) => m[0].length)),
  )
  const fence = '`'.repeat(longest + 1)
  return [`${fence}${lang}`, ...lines, fence]
}

const ruleLink = (f: Finding, result: RunResult): string => {
  const unit = result.units.find((u) => u.id === f.ruleId)
  return `[${mdText(f.ruleId)}](${absoluteHelpUri(unit?.helpUri, f.ruleId)})`
}

const row = (f: Finding, result: RunResult): string =>
  `| ${icon[f.severity]} ${f.severity} | ${ruleLink(f, result)} | ${code(f.key)} | ${code(where(f.location))} | ${mdText(f.message)} |`

const detail = (f: Finding, options: RenderOptions): string[] => {
  const out = [
    `#### ${icon[f.severity]} ${mdText(f.ruleId)}: ${code(f.key)}`,
    '',
    mdText(f.message),
    '',
  ]
  const source = f.location === null ? undefined : options.sources?.get(f.location.file)
  if (f.location !== null && source !== undefined) {
    const lines = frameLines(source.text, f.location).map(
      (l) => `${l.marked ? '>' : ' '} ${String(l.number).padStart(3)} | ${l.text}`,
    )
    out.push(
      code(where(f.location)),
      '',
      ...fenced(lines, /\.ya?ml$/i.test(f.location.file) ? 'yaml' : 'text'),
      '',
    )
  }
  for (const e of f.evidence ?? []) {
    const shot = e.screenshot === undefined ? '' : ' (screenshot in the HTML report)'
    out.push(`- **${mdText(e.label)}**: ${code(e.text)}${shot}`)
  }
  const fix = fixLabel(f)
  if (fix !== undefined)
    out.push(`- **${mdText(fix.slice(0, fix.indexOf(':')))}**: ${mdText(f.fix?.description ?? '')}`)
  return [...out, '']
}

const details = (summary: string, body: readonly string[]): string[] => [
  '<details>',
  `<summary>${summary}</summary>`,
  '',
  ...body,
  '</details>',
  '',
]

const unitsTable = (result: RunResult): string[] => [
  '| Outcome | Rule | Title | Note |',
  '|---|---|---|---|',
  ...result.units.map(
    (u) =>
      `| ${u.outcome} | [${mdText(u.id)}](${absoluteHelpUri(u.helpUri, u.id)}) | ${mdText(u.title)} | ${mdText(unitNote(u) ?? '')} |`,
  ),
]

export const renderMarkdown = (result: RunResult, options: RenderOptions): string => {
  const live = sortFindings(active(result))
  const version =
    result.kratosVersion === null
      ? ''
      : ` · Kratos ${code(result.kratosVersion)}${assumedNote(result)}`
  const counts = severities
    .map((s) => `${icon[s]} ${result.summary.bySeverity[s]} ${s}`)
    .join(' · ')
  const out = [
    `### ${mdText(result.tool.name)} ${result.kind}: ${mdText(summaryLine(result).split(' · ')[0] ?? '')}`,
    '',
    `Profile ${code(result.profile)}${version} · inputs ${result.inputs.map(code).join(', ')}`,
    '',
    counts,
    '',
  ]
  if (live.length > 0) {
    out.push('| Severity | Rule | Key | Location | Finding |', '|---|---|---|---|---|')
    out.push(...live.map((f) => row(f, result)), '')
    out.push(
      ...details(
        `Details and fixes (${live.length})`,
        live.flatMap((f) => detail(f, options)),
      ),
    )
  }
  const suppressed = suppressedOnes(result)
  if (suppressed.length > 0) {
    const rows = suppressed.map(
      (f) =>
        `| ${ruleLink(f, result)} | ${code(f.key)} | ${f.suppressed?.kind ?? ''} | ${mdText(f.suppressed?.reason ?? '')} | ${f.suppressed?.until ?? ''} |`,
    )
    out.push(
      ...details(`Suppressed (${suppressed.length})`, [
        '| Rule | Key | Kind | Reason | Until |',
        '|---|---|---|---|---|',
        ...rows,
        '',
      ]),
    )
  }
  if (result.units.length > 0) {
    const o = countOutcomes(result)
    const title = `${result.units.length} ${result.kind === 'probe' ? 'checks' : 'rules'}: ${o.pass} passed, ${o.fail} failed, ${o.error} errored, ${o.skipped} skipped`
    out.push(...details(title, [...unitsTable(result), '']))
  }
  out.push(`<sub>${mdText(summaryLine(result))}</sub>`, '')
  return out.join('\n')
}
