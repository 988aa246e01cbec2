/**
 * The lifetime timeline: every configured lifetime (session, flows, privileged age, cookies, JWT,
 * idle) as a bar on one logarithmic time axis, with the profile's limit marked. Lifetimes span
 * seconds to months, so only a log scale shows a 1-minute JWT and a 30-day session together.
 */
import type { Lifetime } from '../engine/finding.ts'
import { esc, shortDuration } from './html-escape.ts'

const WIDTH = 860
const LABEL = 250
const RIGHT = 30
const ROW = 38
const TOP = 34

const ticks: readonly [number, string][] = [
  [1, '1s'],
  [60, '1m'],
  [600, '10m'],
  [3600, '1h'],
  [86400, '1d'],
  [7 * 86400, '7d'],
  [30 * 86400, '30d'],
  [365 * 86400, '1y'],
]

const domain = (lifetimes: readonly Lifetime[]): [number, number] => {
  const values = lifetimes
    .flatMap((l) => [l.seconds, l.limitSeconds])
    .filter((v): v is number => v !== null && v > 0)
  const lo = Math.min(60, ...values) / 2
  const hi = Math.max(86400, ...values) * 2
  return [Math.max(1, lo), hi]
}

/** Up to two lines of about 30 characters, split at spaces; the full key in a tooltip. */
const labelText = (l: Lifetime, y: number): string => {
  const words = l.label.split(' ')
  const lines = ['']
  for (const w of words) {
    const current = lines.at(-1) ?? ''
    if (current !== '' && `${current} ${w}`.length > 30 && lines.length < 2) lines.push(w)
    else lines[lines.length - 1] = current === '' ? w : `${current} ${w}`
  }
  const fitted = lines.map((t) => (t.length > 33 ? `${t.slice(0, 32)}…` : t))
  const first = lines.length === 1 ? y + 17 : y + 11
  const spans = fitted.map(
    (t, i) => `<tspan x="${LABEL - 10}" y="${first + i * 14}">${esc(t)}</tspan>`,
  )
  return `<text text-anchor="end" class="tl-label"><title>${esc(`${l.label} (${l.key})`)}</title>${spans.join('')}</text>`
}

/** Right of the bar, or inside its end when the bar reaches the right edge. */
const valueLabel = (text: string, end: number, y: number): string =>
  end > WIDTH - 170
    ? `<text x="${(end - 6).toFixed(1)}" y="${y + 17}" text-anchor="end" class="tl-value tl-inside">${esc(text)}</text>`
    : `<text x="${(end + 6).toFixed(1)}" y="${y + 17}" class="tl-value">${esc(text)}</text>`

const bar = (l: Lifetime, y: number, x: (s: number) => number): string[] => {
  const out: string[] = []
  out.push(labelText(l, y))
  if (l.unbounded === true) {
    // A value that turns the bound off is drawn as reaching past every limit, not as a short bar.
    const end = WIDTH - RIGHT
    const text = `${l.seconds === null ? '' : `${shortDuration(l.seconds)}: `}no limit ▲ turns the check off`
    out.push(
      `<rect x="${LABEL}" y="${y + 5}" width="${(end - LABEL).toFixed(1)}" height="16" rx="3" class="tl-over tl-unbounded"><title>${esc(`${l.key}: ${text}`)}</title></rect>`,
      valueLabel(text, end, y),
    )
  } else if (l.seconds === null) {
    out.push(
      `<text x="${LABEL + 6}" y="${y + 17}" class="tl-unset">not set${l.limitSeconds === null ? '' : ' (the profile expects one)'}</text>`,
    )
  } else {
    const over = l.limitSeconds !== null && l.seconds > l.limitSeconds
    const w = Math.max(2, x(l.seconds) - LABEL)
    out.push(
      `<rect x="${LABEL}" y="${y + 5}" width="${w.toFixed(1)}" height="16" rx="3" class="${over ? 'tl-over' : 'tl-ok'}"><title>${esc(`${l.key}: ${shortDuration(l.seconds)}`)}</title></rect>`,
      valueLabel(`${shortDuration(l.seconds)}${over ? ' ▲ over the limit' : ''}`, LABEL + w, y),
    )
  }
  if (l.limitSeconds !== null) {
    const lx = x(l.limitSeconds).toFixed(1)
    out.push(
      `<line x1="${lx}" x2="${lx}" y1="${y + 1}" y2="${y + 25}" class="tl-limit"><title>${esc(`profile limit ${shortDuration(l.limitSeconds)}`)}</title></line>`,
      `<text x="${lx}" y="${y + 35}" text-anchor="middle" class="tl-limit-label">limit ${esc(shortDuration(l.limitSeconds))}</text>`,
    )
  }
  return out
}

export const timelineSvg = (lifetimes: readonly Lifetime[]): string => {
  if (lifetimes.length === 0) return ''
  const [lo, hi] = domain(lifetimes)
  const span = Math.log10(hi) - Math.log10(lo)
  const x = (s: number): number =>
    LABEL + ((Math.log10(Math.max(s, lo)) - Math.log10(lo)) / span) * (WIDTH - LABEL - RIGHT)
  const height = TOP + lifetimes.length * (ROW + 6) + 10
  const axis = ticks
    .filter(([s]) => s >= lo && s <= hi)
    .flatMap(([s, t]) => [
      `<line x1="${x(s).toFixed(1)}" x2="${x(s).toFixed(1)}" y1="${TOP - 8}" y2="${height - 6}" class="tl-grid"/>`,
      `<text x="${x(s).toFixed(1)}" y="${TOP - 14}" text-anchor="middle" class="tl-tick">${t}</text>`,
    ])
  const rows = lifetimes.flatMap((l, i) => bar(l, TOP + i * (ROW + 6), x))
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="tl-title" class="timeline">`,
    '<title id="tl-title">Configured lifetimes against the profile limits (logarithmic time axis)</title>',
    ...axis,
    ...rows,
    '</svg>',
  ].join('\n')
}
