import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './api-flow-enforcement-disabled.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('api-flow-enforcement-disabled', () => {
  it('reports the variable with dev mode on (high)', () => {
    const [f] = run({}, { dev: true, env: { DEV_DISABLE_API_FLOW_ENFORCEMENT: 'true' } })
    expect(f).toMatchObject({ key: 'dev', severity: 'high' })
    expect(f?.message).toContain('cross-site')
    expect(f?.origin).toBe('env') // located where the variable is set, not at the dev flag
  })

  it('notes it as inert without dev mode (info)', () => {
    const [f] = run({}, { env: { DEV_DISABLE_API_FLOW_ENFORCEMENT: '1' } })
    expect(f?.severity).toBe('info')
    expect(f?.message).toContain('no effect today')
  })

  it('is quiet when absent or false', () => {
    expect(run({}, { dev: true })).toEqual([])
    expect(run({}, { dev: true, env: { DEV_DISABLE_API_FLOW_ENFORCEMENT: 'false' } })).toEqual([])
  })
})
