import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secret-placeholder.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('secret-placeholder', () => {
  it('reports the quickstart placeholder without printing it', () => {
    const [f] = run({ secrets: { cookie: ['PLEASE-CHANGE-ME-I-AM-VERY-INSECURE'] } })
    expect(f).toMatchObject({ key: 'secrets.cookie', severity: 'high' })
    expect(JSON.stringify(f)).not.toContain('PLEASE-CHANGE-ME')
    expect(f?.message).toContain('Entry 1 of secrets.cookie')
  })

  it('reports the cipher placeholder and obvious stand-ins', () => {
    const found = run({
      secrets: {
        cipher: ['32-LONG-SECRET-NOT-SECURE-AT-ALL'],
        default: ['changeme-changeme-changeme'],
      },
    })
    expect(found.map((f) => f.key).sort()).toEqual(['secrets.cipher', 'secrets.default'])
    expect(found.find((f) => f.key === 'secrets.cipher')?.message).toContain('OIDC')
  })

  it('rates a pagination placeholder low: it protects no credential', () => {
    const [f] = run({ secrets: { pagination: ['test pagination secret'] } })
    expect(f).toMatchObject({ key: 'secrets.pagination', severity: 'low' })
  })

  it('accepts random secrets', () => {
    expect(run({ secrets: { cookie: ['b3f1c9e07d2a4c6f8e1d5a7b9c0e2f4a'] } })).toEqual([])
  })

  describe('rates each key by what it protects here (QA M11)', () => {
    const cipher = ['32-LONG-SECRET-NOT-SECURE-AT-ALL']
    const oidc = { selfservice: { methods: { oidc: { enabled: true } } } }

    it('a cipher key under noop, or without OIDC, is low and says it protects nothing yet', () => {
      const [noop] = run({ secrets: { cipher } })
      expect(noop).toMatchObject({ key: 'secrets.cipher', severity: 'low' })
      expect(noop?.message).toContain('protects nothing today')
      expect(noop?.message).toContain('noop')
      expect(noop?.message).not.toContain('whoever reads the database')
      const [aes] = run({ secrets: { cipher }, ciphers: { algorithm: 'aes' } })
      expect(aes).toMatchObject({ severity: 'low' })
      expect(aes?.message).toContain('OIDC sign-in is not enabled')
      const [noopOidc] = run({ secrets: { cipher }, ...oidc })
      expect(noopOidc).toMatchObject({ severity: 'low' })
    })

    it('a cipher key that encrypts stored OIDC tokens is high', () => {
      const [f] = run({
        secrets: { cipher },
        ciphers: { algorithm: 'xchacha20-poly1305' },
        ...oidc,
      })
      expect(f).toMatchObject({ severity: 'high' })
      expect(f?.message).toContain('decrypt the OIDC ID, access and refresh tokens')
    })

    it('secrets.default is high only when it stands in for an unset secrets.cookie', () => {
      const dflt = ['PLEASE-CHANGE-ME-I-AM-VERY-INSECURE']
      expect(run({ secrets: { default: dflt } })[0]).toMatchObject({ severity: 'high' })
      const shadowed = run({
        secrets: { default: dflt, cookie: ['b3f1c9e07d2a4c6f8e1d5a7b9c0e2f4a'] },
      })
      expect(shadowed).toMatchObject([{ key: 'secrets.default', severity: 'low' }])
      expect(shadowed[0]?.message).toContain('only when secrets.cookie is unset')
    })
  })
})
