import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './dsn-credentials-inline.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('dsn-credentials-inline', () => {
  it('reports a password written in the file, without printing it', () => {
    const [f] = run({ dsn: 'postgres://kratos:s3cr3t-pass@db:5432/kratos?sslmode=verify-full' })
    expect(f).toMatchObject({ key: 'dsn', severity: 'medium' })
    expect(JSON.stringify(f)).not.toContain('s3cr3t-pass')
  })

  it('accepts a DSN without password, or injected from the environment', () => {
    expect(run({ dsn: 'postgres://kratos@db/kratos' })).toEqual([])
    expect(run({}, { env: { DSN: 'postgres://kratos:s3cr3t@db/kratos' } })).toEqual([])
  })
})
