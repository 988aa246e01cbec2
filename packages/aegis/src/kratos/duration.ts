/**
 * Go durations (`time.ParseDuration`, `Duration.String`). Kratos' schema accepts only the
 * integer form `^([0-9]+(ns|us|ms|s|m|h))+$` (FACTS.md §1); Go itself also takes signs,
 * fractions and `µs`, which `parseDuration` accepts and `isSchemaDuration` does not.
 */
import { durationPattern } from './dsl.ts'

const unitNanos: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
}

const schemaDuration = new RegExp(durationPattern)
const goPart = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/

/** True when Kratos' schema accepts the text as a duration. */
export const isSchemaDuration = (text: string): boolean => schemaDuration.test(text)

/** Parses a Go duration into seconds (float); null when Go would reject it. */
export const parseDuration = (text: string): number | null => {
  let rest = text
  let sign = 1
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1
    rest = rest.slice(1)
  }
  if (rest === '0') return 0
  if (rest === '') return null
  let nanos = 0
  while (rest !== '') {
    const match = goPart.exec(rest)
    const [whole, amount, unit] = match ?? []
    if (whole === undefined || amount === undefined || unit === undefined) return null
    if (amount === '' || amount === '.') return null
    nanos += Number(amount) * (unitNanos[unit] ?? 0)
    rest = rest.slice(whole.length)
  }
  return (sign * nanos) / 1e9
}

const fraction = (value: number, digits: number): string => {
  const text = value.toFixed(digits).replace(/\.?0+$/, '')
  return text === '' ? '0' : text
}

/**
 * Formats seconds the way Go's `Duration.String` does (`720h0m0s`, `1.5s`, `300ms`), or, with
 * `compact`, as the shortest text Kratos' schema accepts (`720h`, `1h30m`, `1s500ms`).
 */
export const formatDuration = (seconds: number, options: { compact?: boolean } = {}): string => {
  const nanos = Math.round(seconds * 1e9)
  if (options.compact === true) return compact(nanos)
  if (nanos === 0) return '0s'
  const sign = nanos < 0 ? '-' : ''
  const abs = Math.abs(nanos)
  if (abs < 1e3) return `${sign}${abs}ns`
  if (abs < 1e6) return `${sign}${fraction(abs / 1e3, 3)}µs`
  if (abs < 1e9) return `${sign}${fraction(abs / 1e6, 6)}ms`
  const h = Math.floor(abs / 3600e9)
  const m = Math.floor((abs % 3600e9) / 60e9)
  const s = fraction((abs % 60e9) / 1e9, 9)
  if (h > 0) return `${sign}${h}h${m}m${s}s`
  if (m > 0) return `${sign}${m}m${s}s`
  return `${sign}${s}s`
}

const compactUnits: readonly [string, number][] = [
  ['h', 3600e9],
  ['m', 60e9],
  ['s', 1e9],
  ['ms', 1e6],
  ['us', 1e3],
  ['ns', 1],
]

const compact = (nanos: number): string => {
  if (nanos === 0) return '0s'
  let rest = Math.abs(nanos)
  let out = nanos < 0 ? '-' : ''
  for (const [unit, size] of compactUnits) {
    const count = Math.floor(rest / size)
    if (count > 0) out += `${count}${unit}`
    rest -= count * size
  }
  return out
}
