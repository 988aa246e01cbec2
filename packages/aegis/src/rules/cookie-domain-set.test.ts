import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './cookie-domain-set.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('cookie-domain-set', () => {
  it('reports a session cookie Domain (cookie tossing)', () => {
    const [f] = run({ session: { cookie: { domain: 'example.org' } } })
    expect(f).toMatchObject({ key: 'session.cookie.domain', severity: 'medium' })
    expect(f?.message).toContain('cookie tossing')
    expect(f?.fix?.edits[0]).toEqual({ op: 'remove', key: 'session.cookie.domain' })
  })

  it('is critical on a public suffix', () => {
    expect(run({ session: { cookie: { domain: 'github.io' } } })[0]?.severity).toBe('critical')
  })

  it('reports cookies.domain once, for both cookies', () => {
    const found = run({ cookies: { domain: '.example.org' } })
    expect(found).toHaveLength(1)
    expect(found[0]?.message).toContain('session and CSRF cookies')
  })

  it('reports a CSRF-only domain, and single-label domains', () => {
    const found = run({ cookies: { domain: 'example.org' }, session: { cookie: { domain: '' } } })
    expect(found.map((f) => f.key)).toEqual(['cookies.domain'])
    expect(run({ session: { cookie: { domain: 'foobar' } } })[0]?.message).toContain(
      'public suffix',
    )
  })

  it('words a CSRF-only domain for the CSRF cookie, not for sessions (QA N4)', () => {
    const [f] = run({
      cookies: { domain: 'example.org' },
      session: { cookie: { domain: 'app.example.org' } },
    }).filter((x) => x.key === 'cookies.domain')
    expect(f?.message).toContain('The CSRF cookie has Domain=example.org')
    expect(f?.message).toContain('plant a CSRF token')
    expect(f?.message).not.toContain('sessions')
    expect(f?.message).not.toContain('__Host-')
    const [both] = run({ cookies: { domain: 'example.org' } })
    expect(both?.message).toContain('steal or fixate sessions')
  })

  it('accepts host-only cookies', () => {
    expect(run({})).toEqual([])
    expect(run({ session: { cookie: { domain: '' } } })).toEqual([])
  })
})
