import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './dsn-memory-or-sqlite.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('dsn-memory-or-sqlite', () => {
  it('reports memory (medium) and SQLite (low)', () => {
    expect(run({ dsn: 'memory' })[0]).toMatchObject({ key: 'dsn', severity: 'medium' })
    expect(run({ dsn: 'sqlite:///var/lib/sqlite/db.sqlite?_fk=true' })[0]?.severity).toBe('low')
  })

  it('accepts server databases', () => {
    expect(run({ dsn: 'postgres://kratos@db:5432/kratos?sslmode=verify-full' })).toEqual([])
  })
})
