/** A duration in milliseconds, or a Go-style string such as `'90s'`, `'15m'`, `'1h30m'`, `'500ms'`. */
export type Duration = number | string

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy

/**
 * Milliseconds for a duration option, or an Error naming the option. Kratos itself is configured
 * with Go durations (FACTS.md §1.1), so operators can paste the same text here.
 */
export function toMilliseconds(name: string, value: Duration): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`createGuard: ${name} must be a non-negative number of milliseconds`)
    }
    return Math.round(value)
  }
  const text = value.trim()
  PART.lastIndex = 0
  let total = 0
  let consumed = 0
  for (let match = PART.exec(text); match !== null; match = PART.exec(text)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN)
    consumed = PART.lastIndex
  }
  if (text.length === 0 || consumed !== text.length || !Number.isFinite(total)) {
    throw new RangeError(
      `createGuard: ${name} must be milliseconds or a duration like '15m', '1h30m' (got '${text}')`,
    )
  }
  return Math.round(total)
}
