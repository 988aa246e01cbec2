import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './base-url-plain-http.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('base-url-plain-http', () => {
  it('reports a public http base URL on a real host (high) and admin (low)', () => {
    const found = run({
      serve: {
        public: { base_url: 'http://auth.example.com/' },
        admin: { base_url: 'http://kratos:4434/' },
      },
    })
    expect(found.map((f) => [f.key, f.severity])).toEqual([
      ['serve.public.base_url', 'high'],
      ['serve.admin.base_url', 'low'],
    ])
  })

  it('accepts https and loopback', () => {
    expect(run({ serve: { public: { base_url: 'https://auth.example.com/' } } })).toEqual([])
    expect(
      run({
        serve: {
          public: { base_url: 'http://127.0.0.1:4433/' },
          admin: { base_url: 'http://localhost:4434/' },
        },
      }),
    ).toEqual([])
  })
})
