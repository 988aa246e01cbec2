import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './session-idle-timeout-missing.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('session-idle-timeout-missing', () => {
  it('says Kratos has no idle timeout and names the guard', () => {
    const [f] = run({})
    expect(f).toMatchObject({ key: 'session.lifespan', severity: 'low' })
    expect(f?.message).toContain('no inactivity timeout')
    expect(f?.message).toContain('guard idleTimeout: 1h')
  })

  it('takes the limit and severity from the profile', () => {
    const [f] = run({}, {}, 'pci-dss-4')
    expect(f?.severity).toBe('high')
    expect(f?.message).toContain('15m')
    expect(f?.message).toContain('PCI DSS 8.2.8')
  })

  it('passes when the whole session is no longer than the idle limit', () => {
    expect(run({ session: { lifespan: '1h' } })).toEqual([])
    expect(run({ session: { lifespan: '15m' } }, {}, 'nist-aal3')).toEqual([])
  })

  it('is skipped where no idle limit is required', () => {
    expect(run({}, {}, 'nist-aal1')).toEqual([])
  })
})
