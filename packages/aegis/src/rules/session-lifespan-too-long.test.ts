import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './session-lifespan-too-long.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('session-lifespan-too-long', () => {
  it('reports a lifespan above the profile limit, with a fix to the limit', () => {
    const [f] = run({ session: { lifespan: '720h' } })
    expect(f).toMatchObject({ key: 'session.lifespan', severity: 'medium', origin: 'file' })
    expect(f?.message).toContain('30d')
    expect(f?.message).toContain('NIST SP 800-63B-4 §2.2.3')
    expect(f?.fix?.edits).toEqual([{ op: 'set', key: 'session.lifespan', value: '24h' }])
  })

  it('accepts the Kratos default (24h) under baseline but not under rev 3 AAL2', () => {
    expect(run({})).toEqual([])
    const [f] = run({}, {}, 'nist3-aal2')
    expect(f).toMatchObject({ key: 'session.lifespan', severity: 'high', origin: 'default' })
    expect(f?.message).toContain('the Kratos default')
  })

  it('reads the value from the environment too', () => {
    expect(run({}, { env: { SESSION_LIFESPAN: '48h' } })[0]?.origin).toBe('env')
  })

  it('asks for documentation where the standard sets no number (ASVS 5.0)', () => {
    const [f] = run({ session: { lifespan: '12h' } }, {}, 'asvs5-l2')
    expect(f).toMatchObject({ severity: 'info' })
    expect(f?.message).toContain('ASVS 5.0 7.3.2')
  })

  it('is skipped by profiles without an absolute limit', () => {
    expect(run({ session: { lifespan: '9999h' } }, {}, 'pci-dss-4')).toEqual([])
  })

  it('reports 0s: every session expires at issuance, under every profile (QA N21)', () => {
    const [f] = run({ session: { lifespan: '0s' } })
    expect(f).toMatchObject({ key: 'session.lifespan', severity: 'low' })
    expect(f?.message).toContain('expires the moment it is issued')
    expect(f?.message).toContain('at most 24h')
    expect(run({ session: { lifespan: '0h0m' } }, {}, 'pci-dss-4')[0]?.message).toContain(
      "Kratos' default is 24h",
    )
    expect(run({ session: { lifespan: '1s' } })).toEqual([])
  })
})
