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
})
