import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './tls-termination-unknown.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('tls-termination-unknown', () => {
  it('says TLS must be terminated in front when Kratos serves http behind an https URL', () => {
    const [f] = run({ serve: { public: { base_url: 'https://auth.example.com/' } } })
    expect(f).toMatchObject({ key: 'serve.public.tls', severity: 'info' })
    expect(f?.message).toContain('cannot show')
  })

  it('says what is unknown without a base URL', () => {
    expect(run({})[0]?.message).toContain('unknown')
  })

  it('is quiet with cert and key, or with an http base URL (another rule)', () => {
    const tls = { cert: { path: '/tls/cert.pem' }, key: { path: '/tls/key.pem' } }
    expect(run({ serve: { public: { tls } } })).toEqual([])
    expect(run({ serve: { public: { base_url: 'http://auth.example.com/' } } })).toEqual([])
  })
})
