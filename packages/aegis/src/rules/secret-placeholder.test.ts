import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secret-placeholder.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('secret-placeholder', () => {
  it('reports the quickstart placeholder without printing it', () => {
    const [f] = run({ secrets: { cookie: ['PLEASE-CHANGE-ME-I-AM-VERY-INSECURE'] } })
    expect(f).toMatchObject({ key: 'secrets.cookie', severity: 'high' })
    expect(JSON.stringify(f)).not.toContain('PLEASE-CHANGE-ME')
    expect(f?.message).toContain('Entry 1 of secrets.cookie')
  })

  it('reports the cipher placeholder and obvious stand-ins', () => {
    const found = run({
      secrets: {
        cipher: ['32-LONG-SECRET-NOT-SECURE-AT-ALL'],
        default: ['changeme-changeme-changeme'],
      },
    })
    expect(found.map((f) => f.key).sort()).toEqual(['secrets.cipher', 'secrets.default'])
    expect(found.find((f) => f.key === 'secrets.cipher')?.message).toContain('OIDC')
  })

  it('rates a pagination placeholder low: it protects no credential', () => {
    const [f] = run({ secrets: { pagination: ['test pagination secret'] } })
    expect(f).toMatchObject({ key: 'secrets.pagination', severity: 'low' })
  })

  it('accepts random secrets', () => {
    expect(run({ secrets: { cookie: ['b3f1c9e07d2a4c6f8e1d5a7b9c0e2f4a'] } })).toEqual([])
  })
})
