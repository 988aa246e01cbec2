/**
 * One self-contained HTML file: inline CSS and SVG, screenshots as data: URLs, no script, and a
 * Content-Security-Policy that forbids every fetch and every script, so the report renders offline
 * and a hostile finding text could not run even if escaping failed (defence in depth, CWE-79).
 */
import { severities, type Finding, type RunResult } from '../engine/finding.ts'
import { frameLines } from './code-frame.ts'
import { absoluteHelpUri } from './help-uri.ts'
import { esc, isBase64 } from './html-escape.ts'
import { htmlStyle } from './html-style.ts'
import { timelineSvg } from './html-timeline.ts'
import {
  active,
  assumedNote,
  sortFindings,
  suppressedOnes,
  summaryLine,
  unitNote,
  where,
} from './shared.ts'
import type { RenderOptions } from './types.ts'

const csp =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

const helpOf = (result: RunResult, id: string): string =>
  absoluteHelpUri(result.units.find((u) => u.id === id)?.helpUri, id)

const frame = (f: Finding, options: RenderOptions): string => {
  const source = f.location === null ? undefined : options.sources?.get(f.location.file)
  if (f.location === null || source === undefined) return ''
  const lines = frameLines(source.text, f.location).map((l) => {
    const text = `${l.marked ? '>' : ' '} ${String(l.number).padStart(3)} | ${l.text}`
    return l.marked ? `<span class="mark">${esc(text)}</span>` : esc(text)
  })
  return `<pre>${lines.join('\n')}</pre>`
}

const evidence = (f: Finding): string => {
  if (f.evidence === undefined || f.evidence.length === 0) return ''
  const items = f.evidence.map((e) => {
    const shot =
      e.screenshot !== undefined && isBase64(e.screenshot)
        ? `<br><img alt="${esc(`screenshot: ${e.label}`)}" src="data:image/png;base64,${e.screenshot}">`
        : ''
    return `<li><b>${esc(e.label)}</b>: <code>${esc(e.text)}</code>${shot}</li>`
  })
  return `<ul class="evidence">${items.join('')}</ul>`
}

const findingHtml = (f: Finding, result: RunResult, options: RenderOptions): string => {
  const loc = where(f.location)
  const fix =
    f.fix === null ? '' : `<p class="fix">Fix (${esc(f.fix.kind)}): ${esc(f.fix.description)}</p>`
  return [
    `<article class="finding ${f.severity}">`,
    `<h3><span class="sev sev-${f.severity}">${f.severity}</span> <code>${esc(f.key)}</code> · <a href="${esc(helpOf(result, f.ruleId))}">${esc(f.ruleId)}</a></h3>`,
    `<div class="where">${loc === '' ? `no location (origin ${esc(f.origin)})` : esc(loc)} · ${esc(f.concern)}</div>`,
    `<p>${esc(f.message)}</p>`,
    frame(f, options),
    evidence(f),
    fix,
    '</article>',
  ].join('\n')
}

const cards = (result: RunResult): string =>
  `<div class="cards">${severities
    .map(
      (s) =>
        `<div class="card"><span class="sev sev-${s}">${s}</span><b>${result.summary.bySeverity[s]}</b></div>`,
    )
    .join('')}<div class="card">suppressed<b>${result.summary.suppressed}</b></div></div>`

const suppressedTable = (result: RunResult): string => {
  const rows = suppressedOnes(result).map(
    (f) =>
      `<tr><td>${esc(f.ruleId)}</td><td><code>${esc(f.key)}</code></td><td>${esc(f.suppressed?.kind ?? '')}</td><td>${esc(f.suppressed?.reason ?? '')}</td><td>${esc(f.suppressed?.until ?? '')}</td></tr>`,
  )
  if (rows.length === 0) return ''
  return `<h2>Suppressed</h2><table><thead><tr><th>Rule</th><th>Key</th><th>Kind</th><th>Reason</th><th>Until</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

const unitsTable = (result: RunResult): string => {
  if (result.units.length === 0) return ''
  const rows = result.units.map(
    (u) =>
      `<tr><td class="outcome-${u.outcome}">${u.outcome}</td><td><a href="${esc(absoluteHelpUri(u.helpUri, u.id))}">${esc(u.id)}</a></td><td>${esc(u.title)}</td><td>${esc(unitNote(u) ?? '')}</td></tr>`,
  )
  const word = result.kind === 'probe' ? 'Checks' : 'Rules'
  return `<h2>${word}</h2><table><thead><tr><th>Outcome</th><th>Id</th><th>Title</th><th>Note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

export const renderHtml = (result: RunResult, options: RenderOptions): string => {
  const title = `${result.tool.name} ${result.kind} report`
  const version =
    result.kratosVersion === null
      ? ''
      : ` · Kratos ${esc(result.kratosVersion)}${esc(assumedNote(result))}`
  const timeline = timelineSvg(result.lifetimes ?? [])
  const live = sortFindings(active(result))
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${htmlStyle}</style>
</head>
<body>
<header><div class="inner">
<h1>${esc(title)}</h1>
<div class="meta">profile ${esc(result.profile)}${version} · ${esc(result.tool.name)} ${esc(result.tool.version)} · inputs: ${esc(result.inputs.join(', '))}</div>
${cards(result)}
</div></header>
<main>
${timeline === '' ? '' : `<h2>Lifetimes against the profile</h2>\n${timeline}`}
<h2>Findings (${live.length})</h2>
${live.map((f) => findingHtml(f, result, options)).join('\n')}
${suppressedTable(result)}
${unitsTable(result)}
</main>
<footer>${esc(summaryLine(result))}</footer>
</body>
</html>
`
}
