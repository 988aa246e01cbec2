import { describe, expect, it } from 'vitest'
import { plantedSecrets, result } from '../../../../test/fixtures/result.ts'
import { renderJson } from './json.ts'

describe('json reporter', () => {
  it('matches the snapshot', async () => {
    await expect(renderJson(result)).toMatchFileSnapshot('__snapshots__/result.json')
  })

  it('round-trips the result and keeps suppressed findings marked', () => {
    const parsed = JSON.parse(renderJson(result))
    expect(parsed.formatVersion).toBe(1)
    expect(parsed.findings).toHaveLength(result.findings.length)
    const suppressed = parsed.findings.filter((f: { suppressed: unknown }) => f.suppressed !== null)
    expect(suppressed).toEqual([
      expect.objectContaining({ ruleId: 'session-cookie-same-site-none' }),
    ])
    for (const secret of plantedSecrets) expect(renderJson(result)).not.toContain(secret)
  })
})
