import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './privileged-session-max-age-too-long.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

const settings = (age: string) => ({
  selfservice: { flows: { settings: { privileged_session_max_age: age } } },
})

describe('privileged-session-max-age-too-long', () => {
  it('reports 0s as the check turned off (high)', () => {
    const [f] = run(settings('0s'))
    expect(f).toMatchObject({
      severity: 'high',
      key: 'selfservice.flows.settings.privileged_session_max_age',
    })
    expect(f?.message).toContain('turns the check off')
    expect(f?.fix?.edits[0]).toMatchObject({ value: '15m' })
  })

  it('reports a window longer than the profile allows', () => {
    const [f] = run(settings('24h'))
    expect(f?.severity).toBe('medium')
    expect(f?.message).toContain('24h')
    expect(run(settings('30m'), {}, 'owasp-high-value')[0]?.message).toContain('5m')
  })

  it('accepts the 1h default and shorter windows', () => {
    expect(run({})).toEqual([])
    expect(run(settings('15m'))).toEqual([])
  })
})
