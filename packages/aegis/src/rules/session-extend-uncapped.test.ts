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

  it('gives equal verdicts to equal effective windows: unset means the lifespan (QA L5)', () => {
    for (const lifespan of ['30m', '1h', '61m', '2h', '24h', '720h']) {
      const unset = run({ session: { lifespan } })
      const same = run({ session: { lifespan, earliest_possible_extend: lifespan } })
      expect([lifespan, same.length]).toEqual([lifespan, unset.length])
    }
    expect(run({ session: { lifespan: '1h', earliest_possible_extend: '1h' } })).toEqual([])
    expect(run({ session: { lifespan: '1h', earliest_possible_extend: '48h' } })).toEqual([])
  })

  it('is cleared by its own fix whatever the lifespan and window (QA L5)', () => {
    for (const lifespan of ['61m', '2h', '24h', '48h', '720h']) {
      for (const window of [undefined, lifespan, '48h', '9000h']) {
        const session = {
          lifespan,
          ...(window === undefined ? {} : { earliest_possible_extend: window }),
        }
        const found = run({ session })
        if (found.length === 0) continue
        const edit = found[0]!.fix!.edits[0] as { key: string; value: unknown }
        expect(edit.key).toBe('session.earliest_possible_extend')
        const fixed = run({ session: { ...session, earliest_possible_extend: edit.value } })
        expect([lifespan, window, fixed]).toEqual([lifespan, window, []])
      }
    }
  })

  it('accepts a short window, and short sessions', () => {
    expect(run({ session: { earliest_possible_extend: '1h' } })).toEqual([])
    expect(run({ session: { lifespan: '30m' } })).toEqual([])
  })
})
