import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './revoke-sessions-hook-missing.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

const hook = [{ hook: 'revoke_active_sessions' }]

describe('revoke-sessions-hook-missing', () => {
  it('reports the password settings hook by default', () => {
    const found = run({})
    expect(found.map((f) => f.key)).toEqual(['selfservice.flows.settings.after.password.hooks'])
    expect(found[0]?.message).toContain('a password change')
    expect(found[0]?.fix?.edits[0]).toEqual({
      op: 'set',
      key: 'selfservice.flows.settings.after.password.hooks',
      value: hook,
    })
  })

  it('covers recovery when enabled and every second factor', () => {
    const found = run({
      selfservice: {
        methods: { totp: { enabled: true } },
        flows: { recovery: { enabled: true }, settings: { after: { password: { hooks: hook } } } },
      },
    })
    expect(found.map((f) => f.key).sort()).toEqual([
      'selfservice.flows.recovery.after.hooks',
      'selfservice.flows.settings.after.totp.hooks',
    ])
  })

  it('accepts configured hooks, keeping other hooks in the fix', () => {
    expect(
      run({ selfservice: { flows: { settings: { after: { password: { hooks: hook } } } } } }),
    ).toEqual([])
    const [f] = run({
      selfservice: {
        flows: { settings: { after: { password: { hooks: [{ hook: 'web_hook' }] } } } },
      },
    })
    expect(f?.fix?.edits[0]).toMatchObject({ value: [{ hook: 'web_hook' }, ...hook] })
  })
})
