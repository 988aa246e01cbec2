import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './session-cookie-prefix-missing.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('session-cookie-prefix-missing', () => {
  it('reports the default name and suggests __Host-', () => {
    const [f] = run({})
    expect(f).toMatchObject({ key: 'session.cookie.name', severity: 'low', origin: 'default' })
    expect(f?.message).toContain('ory_kratos_session')
    expect(f?.fix?.edits[0]).toEqual({
      op: 'set',
      key: 'session.cookie.name',
      value: '__Host-ory_kratos_session',
    })
  })

  it('suggests __Secure- when a Domain is set, and is medium under ASVS', () => {
    const [f] = run({ session: { cookie: { domain: 'example.org' } } }, {}, 'asvs4-l1')
    expect(f?.severity).toBe('medium')
    expect(f?.message).toContain('__Secure-ory_kratos_session')
  })

  it('reports a prefixed cookie the browser would reject (high)', () => {
    const [f] = run({ session: { cookie: { name: '__Host-session', domain: 'example.org' } } })
    expect(f?.severity).toBe('high')
    expect(f?.message).toContain('Domain is set')
    expect(
      run({ session: { cookie: { name: '__Secure-s' } } }, { dev: true })[0]?.message,
    ).toContain('not Secure')
  })

  it('accepts valid prefixes', () => {
    expect(run({ session: { cookie: { name: '__Host-session' } } })).toEqual([])
    expect(
      run({ session: { cookie: { name: '__Secure-session', domain: 'example.org' } } }),
    ).toEqual([])
  })
})
