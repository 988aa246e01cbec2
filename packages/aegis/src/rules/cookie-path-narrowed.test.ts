import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './cookie-path-narrowed.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('cookie-path-narrowed', () => {
  it('reports a Path other than /', () => {
    const [f] = run({ session: { cookie: { path: '/auth' } } })
    expect(f).toMatchObject({ key: 'session.cookie.path', severity: 'low' })
    expect(f?.message).toContain('__Host-')
  })

  it('follows the cookies.path fallback', () => {
    expect(run({ cookies: { path: '/app' } })[0]?.key).toBe('cookies.path')
  })

  it('accepts /', () => {
    expect(run({})).toEqual([])
    expect(run({ session: { cookie: { path: '/' } } })).toEqual([])
  })
})
