import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secret-cipher-length-invalid.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('secret-cipher-length-invalid', () => {
  it('reports a cipher secret that is not 32 characters', () => {
    const [f] = run({ secrets: { cipher: ['0123456789abcdef0123456789abcdef0123'] } })
    expect(f).toMatchObject({ key: 'secrets.cipher', severity: 'high' })
    expect(f?.message).toContain('36 characters')
  })

  it('accepts exactly 32', () => {
    expect(run({ secrets: { cipher: ['0123456789abcdef0123456789abcdef'] } })).toEqual([])
  })
})
