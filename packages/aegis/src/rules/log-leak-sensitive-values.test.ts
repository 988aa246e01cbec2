import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './log-leak-sensitive-values.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('log-leak-sensitive-values', () => {
  it('reports leak_sensitive_values: true with a fix', () => {
    const [f] = run({ log: { leak_sensitive_values: true } })
    expect(f).toMatchObject({ key: 'log.leak_sensitive_values', severity: 'high' })
    expect(f?.message).toContain('X-Session-Token')
    expect(f?.fix?.edits[0]).toEqual({ op: 'set', key: 'log.leak_sensitive_values', value: false })
  })

  it('reads LOG_LEAK_SENSITIVE_VALUES', () => {
    expect(run({}, { env: { LOG_LEAK_SENSITIVE_VALUES: 'true' } })[0]?.origin).toBe('env')
  })

  it('is quiet by default', () => {
    expect(run({})).toEqual([])
    expect(run({ log: { leak_sensitive_values: false } })).toEqual([])
  })
})
