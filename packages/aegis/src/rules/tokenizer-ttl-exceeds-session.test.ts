import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './tokenizer-ttl-exceeds-session.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

const template = (ttl?: string) => ({
  session: {
    lifespan: '1h',
    whoami: {
      tokenizer: {
        templates: {
          api: { jwks_url: 'file:///etc/jwks.json', ...(ttl === undefined ? {} : { ttl }) },
        },
      },
    },
  },
})

describe('tokenizer-ttl-exceeds-session', () => {
  it('reports a template whose JWTs outlive the session', () => {
    const [f] = run(template('2h'))
    expect(f).toMatchObject({
      key: 'session.whoami.tokenizer.templates.api.ttl',
      severity: 'medium',
    })
    expect(f?.message).toContain('api')
    expect(f?.message).toContain('2h')
  })

  it('accepts short ttls and the 1m default', () => {
    expect(run(template('10m'))).toEqual([])
    expect(run(template())).toEqual([])
    expect(run({})).toEqual([])
  })
})
