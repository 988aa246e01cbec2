/** Durations as rules need them: seconds from the view, and a short human form for messages. */
import type { ConfigView } from '../../config/types.ts'
import { parseDuration } from '../../kratos/index.ts'
import { memoByText } from '../../memo.ts'

/**
 * Parsed durations by text. Configurations repeat the same few values (`1h`, `720h`, `15m`) and
 * a dozen rules read them; the cap only bounds an unexpected stream of distinct texts.
 */
const secondsOf = memoByText(parseDuration, 1024)

/** The effective duration of a key in seconds (set value or schema default), null if unknown. */
export const durationAt = (view: ConfigView, key: string): number | null => {
  const value = view.get(key)
  return typeof value === 'string' ? secondsOf(value) : null
}

const units: readonly [number, string][] = [
  [86_400, 'd'],
  [3600, 'h'],
  [60, 'm'],
  [1, 's'],
]

/** `90000` → `25h`, `2592000` → `30d`; two largest units (days from 3d on), enough for a message. */
export const span = (seconds: number): string => {
  if (seconds <= 0) return '0s'
  const parts: string[] = []
  let left = Math.round(seconds)
  for (const [size, unit] of units) {
    if (unit === 'd' && seconds < 3 * 86_400) continue
    const n = Math.floor(left / size)
    if (n > 0 && parts.length < 2) parts.push(`${n}${unit}`)
    left -= n * size
  }
  return parts.length === 0 ? `${seconds}s` : parts.join(' ')
}

/** Go duration text Kratos accepts (`720h`, `30m`, `45s`), for fixes. */
export const goDuration = (seconds: number): string =>
  seconds % 3600 === 0
    ? `${seconds / 3600}h`
    : seconds % 60 === 0
      ? `${seconds / 60}m`
      : `${seconds}s`
