import { describe, expect, it } from 'vitest'
import { ageSeconds, formatAge, goDurationSeconds } from './durations.ts'

describe('durations', () => {
  it('reads Go durations as Kratos does, and days only where the user gives an age', () => {
    expect(goDurationSeconds('1h30m')).toBe(5400)
    expect(goDurationSeconds('90d')).toBeNull()
    expect(ageSeconds('90d')).toBe(90 * 86_400)
    expect(ageSeconds('2160h')).toBe(90 * 86_400)
    expect(ageSeconds('soon')).toBeNull()
  })

  it('prints compact ages', () => {
    expect(formatAge(30 * 86_400)).toBe('30d')
    expect(formatAge(90_061)).toBe('1d1h1m1s')
    expect(formatAge(0)).toBe('0s')
  })
})
