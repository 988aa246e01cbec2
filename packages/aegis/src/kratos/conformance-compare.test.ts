// The schema reader and the comparison behind conformance.test.ts, checked on their own: a
// comparison that noticed nothing would make every conformance case pass.
import { describe, expect, it } from 'vitest'
import { compareKey, flattenSchema, type Flat } from '../../../../test/support/kratos-schema.ts'
import type { KeySpec } from './index.ts'

describe('the conformance comparison', () => {
  it('the comparison notices a wrong default, type, enum, closedness or constraint', () => {
    const schema: Flat = {
      type: ['string'],
      default: '24h',
      enum: ['a'],
      closed: true,
      constraints: { minLength: 16 },
    }
    const spec: KeySpec = {
      path: 'k',
      type: 'integer',
      default: '25h',
      enum: ['b'],
      closed: false,
      versions: ['head'],
    }
    const found = compareKey('k', { ...schema, type: ['object'] }, spec).map(
      (p) => p.split(':')[1]?.trim().split(' ')[0],
    )
    expect(found).toEqual(['type', 'default', 'enum', 'closed', 'minLength'])
  })

  it('walks every key of every schema (the walker itself finds the session keys)', () => {
    const head = flattenSchema('config.schema.head.json')
    expect(head.get('session.cookie')?.closed).toBe(true)
    expect(head.get('ciphers')?.closed).toBe(false)
    expect(head.get('session.whoami.tokenizer.templates.*.ttl')?.default).toBe('1m')
    expect(head.size).toBeGreaterThan(1000)
  })
})
