import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secret-reused.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('secret-reused', () => {
  it('reports one value used for two purposes', () => {
    const shared = '9f86d081884c7d659a2feaa0c55ad015'
    const [f] = run({ secrets: { cookie: [shared], cipher: [shared] } })
    expect(f?.message).toContain('secrets.cookie[0]')
    expect(f?.message).toContain('secrets.cipher[0]')
    expect(JSON.stringify(f)).not.toContain(shared)
  })

  it('accepts distinct secrets', () => {
    expect(run({ secrets: { cookie: ['a'.repeat(32)], cipher: ['b'.repeat(32)] } })).toEqual([])
  })
})
