import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './flow-outlives-session.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('flow-outlives-session', () => {
  it('reports a settings flow and privileged window longer than the session', () => {
    const found = run({ session: { lifespan: '30m' } })
    // the default 1h settings flow and 1h privileged window both outlive a 30m session
    expect(found.map((f) => f.key)).toEqual([
      'selfservice.flows.settings.lifespan',
      'selfservice.flows.settings.privileged_session_max_age',
    ])
    expect(found[0]?.message).toContain('longer than session.lifespan (30m)')
  })

  it('ignores flows that precede a session', () => {
    expect(run({ selfservice: { flows: { login: { lifespan: '48h' } } } })).toEqual([])
  })

  it('reports a privileged window that never closes before the session ends', () => {
    const [f] = run({
      session: { lifespan: '12h' },
      selfservice: { flows: { settings: { privileged_session_max_age: '12h' } } },
    })
    expect(f?.key).toBe('selfservice.flows.settings.privileged_session_max_age')
    expect(f?.message).toContain('never fires')
  })

  it('accepts consistent timeouts', () => {
    expect(run({})).toEqual([])
  })
})
