import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './cookie-same-site-default.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('cookie-same-site-default', () => {
  it('notes an implicit SameSite as info, saying Kratos sends Lax', () => {
    const [f] = run({})
    expect(f).toMatchObject({
      key: 'session.cookie.same_site',
      severity: 'info',
      origin: 'default',
    })
    expect(f?.message).toContain('SameSite=Lax by default')
  })

  it('accepts an explicit value on either key', () => {
    expect(run({ session: { cookie: { same_site: 'Strict' } } })).toEqual([])
    expect(run({ cookies: { same_site: 'Lax' } })).toEqual([])
  })
})
