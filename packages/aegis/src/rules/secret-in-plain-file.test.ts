import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secret-in-plain-file.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('secret-in-plain-file', () => {
  it('reports secrets written in the configuration file', () => {
    const [f] = run({ secrets: { cookie: ['9f86d081884c7d659a2feaa0c55ad015'] } })
    expect(f).toMatchObject({ key: 'secrets.cookie', severity: 'low' })
    expect(f?.message).toContain('the configuration file')
  })

  it('is medium where a profile requires injected secrets', () => {
    expect(run({ secrets: { cookie: ['x'.repeat(32)] } }, {}, 'asvs5-l2')[0]?.severity).toBe(
      'medium',
    )
  })

  it('accepts secrets from the environment', () => {
    expect(run({}, { env: { SECRETS_COOKIE: '["9f86d081884c7d659a2feaa0c55ad015"]' } })).toEqual([])
  })
})
