import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './cookie-secure-disabled.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('cookie-secure-disabled', () => {
  it('reports secure: "false" on the session cookie', () => {
    const [f] = run({ session: { cookie: { secure: 'false' } } })
    expect(f).toMatchObject({ key: 'session.cookie.secure', severity: 'high' })
    expect(f?.fix?.edits[0]).toEqual({ op: 'set', key: 'session.cookie.secure', value: 'true' })
  })

  it('reports strings ParseBool rejects, which Kratos treats as false', () => {
    const [f] = run({ session: { cookie: { secure: 'yes' } } })
    expect(f?.message).toContain('ParseBool')
    expect(run({ session: { cookie: { secure: 'on' } } })).toHaveLength(1)
    expect(run({ session: { cookie: { secure: 'TRUE' } } })).toEqual([])
  })

  it('leaves unquoted booleans to config-invalid: Kratos does not start (QA M6)', () => {
    for (const secure of [true, false, 1]) {
      const tree = { session: { cookie: { secure } }, cookies: { secure } }
      expect(run(tree)).toEqual([])
      expect(run(tree, { dev: true })).toEqual([])
    }
  })

  it('reports Secure lost to dev mode, for session and CSRF cookies', () => {
    const found = run({}, { dev: true })
    expect(found.map((f) => f.key).sort()).toEqual(['cookies.secure', 'session.cookie.secure'])
    expect(found[0]?.message).toContain('dev mode')
    expect(found.find((f) => f.key === 'cookies.secure')?.message).toContain(
      'continuity cookies are not Secure',
    )
    expect(
      run({ session: { cookie: { secure: 'true' } }, cookies: { secure: 'true' } }, { dev: true }),
    ).toEqual([])
  })

  it('knows v1.x has no secure key', () => {
    const found = run({}, { dev: true, version: 'v1.3' })
    expect(found[0]?.message).toContain('before v25.4')
    expect(found[0]?.fix).toBeNull()
  })

  it('reads the environment', () => {
    expect(run({}, { env: { SESSION_COOKIE_SECURE: 'false' } })[0]?.origin).toBe('env')
  })

  it('accepts the default outside dev mode', () => {
    expect(run({})).toEqual([])
  })
})
