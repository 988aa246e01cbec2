import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './session-cookie-persistent.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('session-cookie-persistent', () => {
  it('reports the default persistent cookie, citing the profile', () => {
    const [f] = run({})
    expect(f).toMatchObject({
      key: 'session.cookie.persistent',
      origin: 'default',
      severity: 'low',
    })
    expect(f?.message).toContain('true by default')
    expect(f?.message).toContain('SP 800-63B-4 §5.1')
    expect(f?.fix?.edits).toEqual([{ op: 'set', key: 'session.cookie.persistent', value: false }])
  })

  it('is a SHALL (medium) under rev 3', () => {
    const [f] = run({ session: { cookie: { persistent: true } } }, {}, 'nist3-aal2')
    expect(f?.severity).toBe('medium')
    expect(f?.message).toContain('SHALL')
  })

  it('accepts persistent: false, also from the environment', () => {
    expect(run({ session: { cookie: { persistent: false } } })).toEqual([])
    expect(run({}, { env: { SESSION_COOKIE_PERSISTENT: 'false' } })).toEqual([])
  })

  it('is skipped by profiles that do not address persistence', () => {
    expect(run({}, {}, 'asvs4-l1')).toEqual([])
  })
})
