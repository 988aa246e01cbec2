import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './flow-lifespan-too-long.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('flow-lifespan-too-long', () => {
  it('reports each flow or method lifespan above the limit', () => {
    const found = run({
      selfservice: {
        flows: { recovery: { lifespan: '48h' }, login: { lifespan: '10m' } },
        methods: { link: { config: { lifespan: '24h' } } },
      },
    })
    expect(found.map((f) => f.key).sort()).toEqual([
      'selfservice.flows.recovery.lifespan',
      'selfservice.methods.link.config.lifespan',
    ])
    expect(found[0]?.message).toContain('1h')
    expect(found[0]?.fix?.edits[0]).toMatchObject({ op: 'set', value: '1h' })
  })

  it('accepts defaults and short lifespans', () => {
    expect(run({})).toEqual([])
    expect(run({ selfservice: { flows: { settings: { lifespan: '15m' } } } })).toEqual([])
  })
})
