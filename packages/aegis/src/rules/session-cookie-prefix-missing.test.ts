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

  describe('__Secure- under profiles that ask for __Host- (QA L4)', () => {
    const secure = { session: { cookie: { name: '__Secure-sess', secure: 'true' } } }

    it.each(['baseline', 'asvs4-l2', 'asvs5-l2', 'nist-aal2', 'owasp-high-value'])(
      '%s reports __Secure- when nothing prevents __Host-, and the fix clears it',
      (id) => {
        const [f, ...rest] = run(secure, {}, id)
        expect(rest).toEqual([])
        expect(f?.message).toContain(getProfile(id).requires.cookiePrefix!.cite)
        expect(f?.fix?.edits[0]).toEqual({
          op: 'set',
          key: 'session.cookie.name',
          value: '__Host-sess',
        })
        expect(
          run({ session: { cookie: { name: '__Host-sess', secure: 'true' } } }, {}, id),
        ).toEqual([])
      },
    )

    it('accepts __Secure- where the profile asks only for it, or where __Host- is impossible', () => {
      expect(run(secure, {}, 'asvs5-l1')).toEqual([])
      const shared = { session: { cookie: { ...secure.session.cookie, domain: 'example.org' } } }
      expect(run(shared, {}, 'asvs5-l2')).toEqual([])
      const narrowed = { session: { cookie: { ...secure.session.cookie, path: '/app' } } }
      expect(run(narrowed, {}, 'asvs5-l2')).toEqual([])
    })

    it('never suggests __Host- for a narrowed Path (the browser would reject it)', () => {
      const [f] = run({ session: { cookie: { path: '/app' } } }, {}, 'asvs5-l2')
      expect(f?.fix?.edits[0]).toMatchObject({ value: '__Secure-ory_kratos_session' })
    })
  })

  it('accepts valid prefixes', () => {
    expect(run({ session: { cookie: { name: '__Host-session' } } })).toEqual([])
    expect(
      run({ session: { cookie: { name: '__Secure-session', domain: 'example.org' } } }),
    ).toEqual([])
  })
})
