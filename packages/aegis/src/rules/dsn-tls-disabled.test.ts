import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './dsn-tls-disabled.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('dsn-tls-disabled', () => {
  it('reports sslmode=disable and the downgrading modes', () => {
    const [f] = run({ dsn: 'postgres://kratos@postgresd:5432/kratos?sslmode=disable' })
    expect(f).toMatchObject({ key: 'dsn', severity: 'medium' })
    expect(f?.message).toContain('sslmode=disable')
    expect(run({ dsn: 'postgres://kratos@db/kratos?sslmode=prefer' })[0]?.message).toContain(
      'falls back',
    )
    expect(run({ dsn: 'cockroach://root@crdb:26257/defaultdb?sslmode=disable' })).toHaveLength(1)
  })

  it('treats a missing sslmode on postgres as prefer', () => {
    expect(run({ dsn: 'postgres://kratos@db/kratos' })[0]?.message).toContain(
      'no sslmode (the driver then uses prefer)',
    )
  })

  it('treats a missing sslmode on CockroachDB like PostgreSQL: same pgx driver (QA L15)', () => {
    for (const scheme of ['cockroach', 'cockroachdb', 'crdb']) {
      const [f] = run({ dsn: `${scheme}://root@crdb:26257/defaultdb` })
      expect(f, scheme).toMatchObject({ key: 'dsn', severity: 'medium' })
      expect(f?.message).toContain('falls back')
    }
    expect(run({ dsn: 'cockroach://root@crdb:26257/defaultdb?sslmode=verify-full' })).toEqual([])
    expect(run({ dsn: 'cockroach://root@localhost:26257/defaultdb' })).toEqual([])
  })

  it('reports MySQL without tls', () => {
    expect(run({ dsn: 'mysql://root@tcp(mysqld:3306)/mysql?max_conns=20' })[0]?.message).toContain(
      'MySQL on mysqld',
    )
    expect(run({ dsn: 'mysql://root@tcp(mysqld:3306)/mysql?tls=true' })).toEqual([])
  })

  it('never prints the password, and accepts verify-full and loopback', () => {
    const found = run({ dsn: 'postgres://kratos:hunter2hunter2@db/kratos?sslmode=disable' })
    expect(JSON.stringify(found)).not.toContain('hunter2')
    expect(run({ dsn: 'postgres://kratos@db/kratos?sslmode=verify-full' })).toEqual([])
    expect(run({ dsn: 'postgres://kratos@127.0.0.1/kratos?sslmode=disable' })).toEqual([])
  })
})
