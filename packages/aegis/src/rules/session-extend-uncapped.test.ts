import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './session-extend-uncapped.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('session-extend-uncapped', () => {
  it('reports an unset earliest_possible_extend on the default lifespan', () => {
    const [f] = run({})
    expect(f).toMatchObject({
      key: 'session.earliest_possible_extend',
      origin: 'default',
      severity: 'low',
    })
    expect(f?.message).toContain('no absolute cap')
    expect(f?.fix?.edits).toEqual([
      { op: 'set', key: 'session.earliest_possible_extend', value: '1h' },
    ])
  })

  it('reports a window as long as the lifespan', () => {
    const [f] = run({ session: { lifespan: '24h', earliest_possible_extend: '24h' } })
    expect(f?.message).toContain('is not shorter than session.lifespan')
  })

  it('accepts a short window, and short sessions', () => {
    expect(run({ session: { earliest_possible_extend: '1h' } })).toEqual([])
    expect(run({ session: { lifespan: '30m' } })).toEqual([])
  })
})
