import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secret-rotation-old-keys.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

const k = (n: number) => String(n).repeat(32)

describe('secret-rotation-old-keys', () => {
  it('notes a rotation in progress with the window to wait', () => {
    const [f] = run({ secrets: { cookie: [k(1), k(2)] } })
    expect(f).toMatchObject({ key: 'secrets.cookie', severity: 'info' })
    expect(f?.message).toContain('1 retired entry')
    expect(f?.message).toContain('24h') // the 24h default lifespan is the longest window
  })

  it('reports several retired keys as low', () => {
    const [f] = run({ secrets: { cookie: [k(1), k(2), k(3), k(4)] } })
    expect(f?.severity).toBe('low')
    expect(f?.message).toContain('3 retired entries')
  })

  it('is quiet with one key', () => {
    expect(run({ secrets: { cookie: [k(1)] } })).toEqual([])
  })
})
