import { describe, expect, it } from 'vitest'
import { plantedSecrets, result, sources } from '../../../../test/fixtures/result.ts'
import { renderText } from './text.ts'

describe('text reporter', () => {
  it('matches the snapshot without colour', async () => {
    await expect(renderText(result, { sources })).toMatchFileSnapshot('__snapshots__/result.txt')
  })

  it('matches the snapshot with colour', async () => {
    const out = renderText(result, { sources, color: true })
    expect(out).toContain('\u001b[')
    await expect(out).toMatchFileSnapshot('__snapshots__/result.color.txt')
  })

  it('groups by concern, worst first, and ends with one summary line', () => {
    const out = renderText(result, { sources })
    const concerns = ['secrets', 'session-lifetime', 'logout', 'cookie-persistence', 'logging']
    const positions = concerns.map((c) => out.indexOf(`\n${c}\n`))
    expect(positions.every((p) => p > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    const last = out.trimEnd().split('\n').at(-1)
    expect(last).toBe(
      '✖ 6 findings (1 critical, 2 high, 1 medium, 1 low, 1 info) · 1 suppressed · 11 rules: 2 passed, 7 failed, 1 errored, 1 skipped',
    )
  })

  it('shows a code frame with the offending line marked', () => {
    const out = renderText(result, { sources })
    expect(out).toMatch(/> 12 \| {3}lifespan: 720h/)
  })

  it('never prints a planted secret, even in context lines of a code frame', () => {
    const out = renderText(result, { sources, color: true })
    for (const secret of plantedSecrets) expect(out).not.toContain(secret)
    expect(out).toContain('[redacted]')
  })
})
