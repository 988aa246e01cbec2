/**
 * Durations for rotation and cookie ages. Kratos' lifespans are Go durations (FACTS.md §1: `DUR`,
 * `^([0-9]+(ns|us|ms|s|m|h))+$`); user-facing options also take days (`90d`), which Go lacks but
 * rotation periods are naturally counted in.
 */
import { parseDuration } from '../kratos/duration.ts'

const unitSeconds: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
}

const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d)/

const parseWithDays = (text: string): number | null => {
  let rest = text.trim()
  if (rest === '0') return 0
  if (rest === '') return null
  let total = 0
  while (rest !== '') {
    const m = part.exec(rest)
    const amount = m?.[1]
    const unit = m?.[2]
    if (m === null || amount === undefined || unit === undefined) return null
    total += Number(amount) * (unitSeconds[unit] ?? Number.NaN)
    rest = rest.slice(m[0].length)
  }
  return Number.isFinite(total) ? total : null
}

/** A Go duration (as Kratos reads its lifespans) in seconds; null when Go would reject it. */
export const goDurationSeconds = (text: string): number | null => parseDuration(text)

/** A user-given age: a Go duration or whole days (`90d`). */
export const ageSeconds = (text: string): number | null => parseWithDays(text)

/** Compact human form: `30d`, `24h`, `1h30m`, `45s`. */
export const formatAge = (seconds: number): string => {
  if (seconds === 0) return '0s'
  const parts: string[] = []
  let rest = Math.round(seconds)
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`)
      rest %= size
    }
  }
  return parts.join('')
}
