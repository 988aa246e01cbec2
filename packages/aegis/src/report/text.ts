/**
 * Human output for terminals and CI logs: findings grouped by concern, worst first, with a code
 * frame of the offending lines and one summary line (the shape ESLint's stylish formatter made
 * familiar).
 */
import type { Finding, RunResult, Severity } from '../engine/finding.ts'
import { paint, type Paint } from './ansi.ts'
import { codeFrame } from './code-frame.ts'
import {
  assumedNote,
  fixLabel,
  groupByConcern,
  active,
  screenshotBytes,
  byteSize,
  summaryLine,
  suppressedOnes,
  unitNote,
  where,
} from './shared.ts'
import type { RenderOptions } from './types.ts'

const badge = (p: Paint, severity: Severity): string => {
  const label = severity.toUpperCase().padEnd(9)
  switch (severity) {
    case 'critical':
      return p.bold(p.red(label))
    case 'high':
      return p.red(label)
    case 'medium':
      return p.yellow(label)
    case 'low':
      return p.blue(label)
    case 'info':
      return p.dim(label)
  }
}

const INDENT = '    '

const details = (f: Finding, p: Paint, options: RenderOptions): string[] => {
  const out: string[] = []
  const at = where(f.location)
  out.push(`${INDENT}${at === '' ? p.dim(`(no location; origin ${f.origin})`) : p.cyan(at)}`)
  out.push(`${INDENT}${f.message}`)
  const source = f.location === null ? undefined : options.sources?.get(f.location.file)
  if (f.location !== null && source !== undefined) {
    const frame = codeFrame(source.text, f.location, { mark: p.red, gutter: p.dim })
    out.push(...frame.map((l) => `${INDENT}${l}`))
  }
  for (const e of f.evidence ?? []) {
    // Evidence is several request/response lines: keep them under the finding, indented.
    const [first = '', ...rest] = e.text.split('\n')
    out.push(`${INDENT}${p.dim(`${e.label}:`)} ${first}`)
    for (const line of rest) out.push(`${INDENT}${INDENT}${p.dim(line)}`)
    if (e.screenshot !== undefined) {
      const size = byteSize(screenshotBytes(e.screenshot))
      out.push(`${INDENT}${p.dim(`[screenshot, ${size} PNG, in the HTML report]`)}`)
    }
  }
  const fix = fixLabel(f)
  if (fix !== undefined) out.push(`${INDENT}${p.green(fix)}`)
  return out
}

/**
 * Units that did not fail but have something to say. A probe lists every one (a pass that
 * observed something, a skip and its reason, an error and its cause: 22 lines at most); an audit
 * lists only rules that errored, since its skips are routine (version-gated rules).
 */
const unitLines = (result: RunResult, p: Paint): string[] => {
  const shown = result.units.filter(
    (u) =>
      u.outcome === 'error' ||
      (result.kind === 'probe' && u.outcome !== 'fail' && unitNote(u) !== undefined),
  )
  if (shown.length === 0) return []
  const mark = { pass: p.green('✔'), error: p.red('!'), skipped: p.dim('–'), fail: '' } as const
  const width = Math.max(...shown.map((u) => u.id.length))
  const lines = shown.map((u) => {
    const word = u.outcome === 'pass' ? '' : `${u.outcome}: `
    return `  ${mark[u.outcome]} ${u.id.padEnd(width)}  ${word}${unitNote(u) ?? ''}`.trimEnd()
  })
  return [p.bold(result.kind === 'probe' ? 'checks' : 'rules not run'), ...lines, '']
}

const header = (result: RunResult, p: Paint): string => {
  const version =
    result.kratosVersion === null ? '' : ` · Kratos ${result.kratosVersion}${assumedNote(result)}`
  return p.bold(
    `${result.tool.name} ${result.tool.version} · ${result.kind} · profile ${result.profile}${version}`,
  )
}

export const renderText = (result: RunResult, options: RenderOptions): string => {
  const p = paint(options.color === true)
  const out: string[] = [header(result, p), '']
  for (const [concern, findings] of groupByConcern(active(result))) {
    out.push(p.bold(p.magenta(concern)))
    for (const f of findings) {
      out.push(`  ${badge(p, f.severity)}${p.bold(f.key)}  ${p.dim(f.ruleId)}`)
      out.push(...details(f, p, options), '')
    }
  }
  const suppressed = suppressedOnes(result)
  if (suppressed.length > 0) {
    out.push(p.bold(p.dim('suppressed')))
    for (const f of suppressed) {
      const s = f.suppressed
      const until = s?.until === undefined ? '' : ` until ${s.until}`
      out.push(
        p.dim(`  ${f.ruleId}  ${f.key}  ${s?.kind ?? ''}: ${s?.reason ?? ''}${until}`.trimEnd()),
      )
    }
    out.push('')
  }
  out.push(...unitLines(result, p))
  const line = summaryLine(result)
  // "No findings" is not a clean run when a unit errored: nothing was proven there.
  const errored = result.units.some((u) => u.outcome === 'error')
  const mark = result.summary.total > 0 ? p.red('✖') : errored ? p.yellow('!') : p.green('✔')
  out.push(`${mark} ${p.bold(line)}`)
  return `${out.join('\n')}\n`
}
