import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './dev-mode-enabled.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('dev-mode-enabled', () => {
  it('reports dev: true with what it turns off and a fix', () => {
    const [f] = run({ dev: true })
    expect(f).toMatchObject({ key: 'dev', severity: 'high', origin: 'file' })
    expect(f?.message).toContain('dev: true')
    expect(f?.message).toContain('lose Secure')
    expect(f?.fix?.edits[0]).toEqual({ op: 'remove', key: 'dev' })
  })

  it('names the --dev flag', () => {
    const [f] = run({}, { dev: true })
    expect(f?.message).toContain('the --dev flag')
    expect(f?.fix).toBeNull()
  })

  it('names DEV=true from the environment', () => {
    const [f] = run({}, { env: { DEV: 'true' } })
    expect(f?.origin).toBe('env')
    expect(f?.message).toContain('DEV=true')
  })

  it('is quiet without dev mode', () => {
    expect(run({})).toEqual([])
    expect(run({ dev: false })).toEqual([])
  })
})
