import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './cookie-same-site-none.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('cookie-same-site-none', () => {
  it('reports the session cookie at None (medium when Secure)', () => {
    const [f] = run({ session: { cookie: { same_site: 'None' } } })
    expect(f).toMatchObject({ key: 'session.cookie.same_site', severity: 'medium' })
    expect(f?.fix?.edits[0]).toEqual({ op: 'set', key: 'session.cookie.same_site', value: 'Lax' })
  })

  it('is high without Secure (dev mode)', () => {
    const [f] = run({ session: { cookie: { same_site: 'None' } } }, { dev: true })
    expect(f?.severity).toBe('high')
    expect(f?.message).toContain('without Secure')
  })

  it('follows the cookies.same_site fallback to the session cookie', () => {
    const found = run({ cookies: { same_site: 'None' } })
    expect(found.map((f) => f.key)).toEqual(['cookies.same_site'])
  })

  it('reports the CSRF cookie separately when only cookies.* is None', () => {
    const found = run({ cookies: { same_site: 'None' }, session: { cookie: { same_site: 'Lax' } } })
    expect(found.map((f) => f.key)).toEqual(['cookies.same_site'])
    expect(found[0]?.message).toContain('CSRF cookie')
    // Not Secure: Kratos forces the CSRF cookie to Lax, nothing to report.
    expect(
      run(
        { cookies: { same_site: 'None' }, session: { cookie: { same_site: 'Lax' } } },
        { dev: true },
      ),
    ).toEqual([])
  })

  it('accepts Lax, Strict and the default', () => {
    expect(run({})).toEqual([])
    expect(run({ session: { cookie: { same_site: 'Strict' } } })).toEqual([])
  })
})
