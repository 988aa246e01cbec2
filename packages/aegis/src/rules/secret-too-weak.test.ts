import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secret-too-weak.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('secret-too-weak', () => {
  it('reports a short secret by length and estimated bits, never the value', () => {
    const [f] = run({ secrets: { cookie: ['shortButValid123'] } })
    expect(f).toMatchObject({ key: 'secrets.cookie', severity: 'medium' })
    expect(f?.message).toContain('16 characters')
    expect(JSON.stringify(f)).not.toContain('shortButValid123')
  })

  it('reports long but repetitive secrets', () => {
    const [f] = run({ secrets: { default: ['abababababababababababababababababab'] } })
    expect(f?.message).toContain('repetitive')
  })

  it.each([
    ['a hex sequence', '0123456789abcdef0123456789abcdef'],
    ['a longer hex sequence', '0123456789abcdef'.repeat(4)],
    ['the alphabet', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'],
    ['a descending sequence', 'zyxwvutsrqponmlkjihgfedcba9876543210'],
    ['a keyboard walk along the rows', 'qwertyuiopasdfghjklzxcvbnm1234567890'],
    ['a keyboard walk down the columns', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.'],
    ['shifted digits', '!@#$%^&*()_+!@#$%^&*()_+!@#$%^&*()'],
  ])('reports %s, which every-character-differs does not make random (QA L10)', (_n, value) => {
    const [f] = run({ secrets: { cookie: [value] } })
    expect(f?.message).toContain('repetitive or word-like')
  })

  it('accepts random secrets as openssl and base64 generators make them', () => {
    for (let i = 0; i < 200; i++) {
      const hex = randomBytes(32).toString('hex')
      const b64 = randomBytes(32).toString('base64url')
      expect(run({ secrets: { cookie: [hex, b64] } })).toEqual([])
    }
  })

  it('accepts 32 random hex characters (exactly 128 bits) and longer', () => {
    expect(run({ secrets: { cookie: ['9f86d081884c7d659a2feaa0c55ad015'] } })).toEqual([])
    expect(run({ secrets: { cookie: ['Xk2p9Qw7Lm4Rt8Zv1Bn6Cy3Hd5Fj0Gs2Ae7Uo'] } })).toEqual([])
  })

  it('leaves placeholders to secret-placeholder', () => {
    expect(run({ secrets: { cookie: ['PLEASE-CHANGE-ME-I-AM-VERY-INSECURE'] } })).toEqual([])
  })
})
