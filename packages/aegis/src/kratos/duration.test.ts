import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatDuration, isSchemaDuration, parseDuration } from './index.ts'

describe('parseDuration', () => {
  it('parses Go durations into seconds', () => {
    expect(parseDuration('24h')).toBe(86400)
    expect(parseDuration('1h5s')).toBe(3605)
    expect(parseDuration('500ms')).toBe(0.5)
    expect(parseDuration('1.5h')).toBe(5400)
    expect(parseDuration('0')).toBe(0)
    expect(parseDuration('0s')).toBe(0)
    expect(parseDuration('-1m')).toBe(-60)
    expect(parseDuration('10us')).toBeCloseTo(0.00001)
    expect(parseDuration('10µs')).toBeCloseTo(0.00001)
  })

  it('rejects what Go rejects', () => {
    for (const bad of ['1d', '', 'h', '24', '1 h', '1H', '.h', 'abc', '1h ']) {
      expect(parseDuration(bad), bad).toBeNull()
    }
  })

  it('tells the schema pattern apart from Go syntax', () => {
    expect(isSchemaDuration('1h5s')).toBe(true)
    expect(isSchemaDuration('0s')).toBe(true)
    expect(isSchemaDuration('1.5h')).toBe(false)
    expect(isSchemaDuration('0')).toBe(false)
    expect(isSchemaDuration('-1h')).toBe(false)
  })
})

describe('formatDuration', () => {
  it('formats like Go', () => {
    expect(formatDuration(2592000)).toBe('720h0m0s')
    expect(formatDuration(90)).toBe('1m30s')
    expect(formatDuration(1.5)).toBe('1.5s')
    expect(formatDuration(0.3)).toBe('300ms')
    expect(formatDuration(0)).toBe('0s')
    expect(formatDuration(-60)).toBe('-1m0s')
  })

  it('formats compactly in the schema form', () => {
    expect(formatDuration(2592000, { compact: true })).toBe('720h')
    expect(formatDuration(5400, { compact: true })).toBe('1h30m')
    expect(formatDuration(1.5, { compact: true })).toBe('1s500ms')
  })

  it('round-trips whole nanosecond values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 15 }), (nanos) => {
        const seconds = nanos / 1e9
        const go = parseDuration(formatDuration(seconds))
        const compact = formatDuration(seconds, { compact: true })
        expect(isSchemaDuration(compact)).toBe(true)
        expect(Math.round((parseDuration(compact) ?? -1) * 1e9)).toBe(nanos)
        expect(Math.abs((go ?? -1) - seconds)).toBeLessThan(1e-6)
      }),
    )
  })
})
