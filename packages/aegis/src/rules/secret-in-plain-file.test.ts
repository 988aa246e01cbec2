import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secret-in-plain-file.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('secret-in-plain-file', () => {
  it('reports secrets written in the configuration file', () => {
    const [f] = run({ secrets: { cookie: ['9f86d081884c7d659a2feaa0c55ad015'] } })
    expect(f).toMatchObject({ key: 'secrets.cookie', severity: 'low' })
    expect(f?.message).toContain('the configuration file')
  })

  it('is medium where a profile requires injected secrets', () => {
    expect(run({ secrets: { cookie: ['x'.repeat(32)] } }, {}, 'asvs5-l2')[0]?.severity).toBe(
      'medium',
    )
  })

  it('accepts secrets from the environment', () => {
    expect(run({}, { env: { SECRETS_COOKIE: '["9f86d081884c7d659a2feaa0c55ad015"]' } })).toEqual([])
  })

  it('says what each key can really do, and rates unused keys info (QA M11)', () => {
    const secrets = {
      cookie: ['9f86d081884c7d659a2feaa0c55ad015'],
      default: ['0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e'],
      cipher: ['a'.repeat(16) + 'b'.repeat(16)],
      pagination: ['1f2e3d4c5b6a79881f2e3d4c5b6a7988'],
    }
    const by = (tree: Record<string, unknown>) =>
      Object.fromEntries(run(tree).map((f) => [f.key, f]))
    const found = by({ secrets })
    expect(found['secrets.cookie']).toMatchObject({ severity: 'low' })
    expect(found['secrets.cookie']?.message).toContain('decrypt captured session cookies')
    expect(found['secrets.default']).toMatchObject({ severity: 'info' })
    expect(found['secrets.default']?.message).toContain('protects nothing today')
    expect(found['secrets.cipher']).toMatchObject({ severity: 'info' })
    expect(found['secrets.cipher']?.message).toContain('ciphers.algorithm is noop')
    expect(found['secrets.pagination']).toMatchObject({ severity: 'info' })
    expect(found['secrets.pagination']?.message).toContain('page tokens')
    for (const f of Object.values(found)) {
      if (f.key !== 'secrets.cookie') expect(f.message).not.toContain('session')
    }
    const active = by({
      secrets,
      ciphers: { algorithm: 'aes' },
      selfservice: { methods: { oidc: { enabled: true } } },
    })
    expect(active['secrets.cipher']).toMatchObject({ severity: 'low' })
    expect(active['secrets.cipher']?.message).toContain('decrypt the OIDC ID, access and refresh')
    const onlyDefault = by({ secrets: { default: secrets.default } })
    expect(onlyDefault['secrets.default']).toMatchObject({ severity: 'low' })
    expect(onlyDefault['secrets.default']?.message).toContain('in its place')
  })
})
