import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './cors-credentials-any-origin.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

const cors = (extra: Record<string, unknown> = {}) => ({
  serve: { public: { cors: { enabled: true, ...extra } } },
})

describe('cors-credentials-any-origin', () => {
  it('reports enabled CORS with the default ["*"] origins', () => {
    const [f] = run(cors())
    expect(f).toMatchObject({
      key: 'serve.public.cors.allowed_origins',
      severity: 'medium',
      origin: 'default',
    })
    expect(f?.message).toContain('default is ["*"]')
  })

  it('reports "*" and an empty list; high with SameSite=None', () => {
    expect(run(cors({ allowed_origins: ['*'] }))[0]?.message).toContain('contains "*"')
    expect(run(cors({ allowed_origins: [] }))[0]?.message).toContain('empty list')
    const none = { ...cors(), session: { cookie: { same_site: 'None' } } }
    expect(run(none)[0]?.severity).toBe('high')
  })

  it('accepts exact origins, disabled CORS and no credentials', () => {
    expect(run(cors({ allowed_origins: ['https://app.example.com'] }))).toEqual([])
    expect(run({})).toEqual([])
    expect(run(cors({ allow_credentials: false }))).toEqual([])
  })

  it('rates wildcards that match every site like "*" where Kratos honours them (QA M13)', () => {
    for (const o of ['https://*', 'https://*.com', 'https://*.co.uk', 'https://*foo.com']) {
      const [f] = run(cors({ allowed_origins: ['https://app.example.com', o] }))
      expect(f, o).toMatchObject({ severity: 'medium' })
      expect(f?.message).toContain(`"${o}"`)
      expect(f?.message).toContain('anyone can register')
    }
    const none = {
      ...cors({ allowed_origins: ['https://*'] }),
      session: { cookie: { same_site: 'None' } },
    }
    expect(run(none)[0]?.severity).toBe('high')
    // v1.3 matched wildcards by prefix and suffix only, as v26.2 does.
    expect(run(cors({ allowed_origins: ['https://*'] }), { version: 'v1.3' })).toHaveLength(1)
  })

  it('leaves unbounded wildcards alone on HEAD, which skips them, unless the legacy flag is on', () => {
    const tree = cors({ allowed_origins: ['https://*.com'] })
    expect(run(tree, { version: 'head' })).toEqual([])
    const legacy = { ...tree, feature_flags: { legacy_allow_insecure_origins: true } }
    expect(run(legacy, { version: 'head' })[0]?.message).toContain('"https://*.com"')
  })

  it('accepts wildcards bounded at a registrable domain', () => {
    expect(
      run(cors({ allowed_origins: ['https://*.example.com', 'https://*.example.co.uk'] })),
    ).toEqual([])
  })
})
