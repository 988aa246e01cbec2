import { describe, expect, it } from 'vitest'
import { tempFiles } from '../../../../test/support/temp-files.ts'
import { loadDeployment, viewFromObject } from './index.ts'

describe('environment layer (FACTS.md §3)', () => {
  it('beats the file, casts by key type and records the variable', () => {
    const view = viewFromObject(
      {
        session: { lifespan: '24h', cookie: { persistent: true } },
        serve: { public: { port: 1 } },
      },
      {
        env: {
          SESSION_LIFESPAN: '720h',
          SESSION_COOKIE_PERSISTENT: 'false',
          SERVE_PUBLIC_PORT: '8080',
          SESSION_COOKIE_SECURE: 'false',
          UNRELATED_THING: 'x',
        },
      },
    )
    expect(view.get('session.lifespan')).toBe('720h')
    expect(view.origin('session.lifespan')).toMatchObject({
      kind: 'env',
      envVar: 'SESSION_LIFESPAN',
    })
    expect(view.get('session.cookie.persistent')).toBe(false)
    expect(view.get('serve.public.port')).toBe(8080)
    expect(view.get('session.cookie.secure')).toBe('false')
    expect(view.has('unrelated')).toBe(false)
  })

  it('reads arrays as JSON, as one CSV line, and as NAME_0, NAME_1', () => {
    const json = viewFromObject(
      {},
      { env: { SECRETS_COOKIE: '["aaaaaaaaaaaaaaaa","bbbbbbbbbbbbbbbb"]' } },
    )
    expect(json.get('secrets.cookie')).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'])
    const csv = viewFromObject({}, { env: { SECRETS_COOKIE: 'aaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbb' } })
    expect(csv.get('secrets.cookie')).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'])
    const indexed = viewFromObject(
      { secrets: { cookie: ['old-file-secret-xxxx', 'another-file-secret'] } },
      { env: { SECRETS_COOKIE_1: 'bbbbbbbbbbbbbbbb', SECRETS_COOKIE_0: 'aaaaaaaaaaaaaaaa' } },
    )
    expect(indexed.get('secrets.cookie')).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'])
    expect(indexed.origin('secrets.cookie.1')).toMatchObject({ kind: 'env' })
  })

  it('turns on dev mode from DEV=true and keeps the variables Kratos reads directly', () => {
    const view = viewFromObject(
      {},
      { env: { DEV: 'true', DEV_DISABLE_API_FLOW_ENFORCEMENT: 'true' } },
    )
    expect(view.dev).toBe(true)
    expect(view.origin('dev')).toMatchObject({ kind: 'env', envVar: 'DEV' })
    expect(view.rawEnv['DEV_DISABLE_API_FLOW_ENFORCEMENT']?.value).toBe('true')
    expect(view.rawEnv['DEV']?.value).toBe('true')
  })

  it('answers schema defaults for keys nobody sets', () => {
    const view = viewFromObject({})
    expect(view.get('session.lifespan')).toBe('24h')
    expect(view.origin('session.lifespan').kind).toBe('default')
    expect(view.has('session.lifespan')).toBe(false)
  })

  it('env beats flags, flags beat files', () => {
    const view = viewFromObject({ dev: false }, { dev: true, env: { DEV: 'false' } })
    expect(view.dev).toBe(false)
    expect(view.origin('dev')).toMatchObject({ kind: 'env' })
    expect(viewFromObject({ dev: false }, { dev: true }).dev).toBe(true)
  })

  it('reads --env-file and the process environment for a config run directly', async () => {
    const cwd = tempFiles({
      'kratos.yml': 'dsn: memory\nsession:\n  lifespan: 1h\n',
      'prod.env': '# prod\nexport SESSION_LIFESPAN="2h"\nDSN=postgres://k:pw@db/k\n',
    })
    const loaded = await loadDeployment(['kratos.yml'], {
      cwd,
      envFiles: ['prod.env'],
      env: { DSN: 'postgres://k:other@db/k' },
    })
    const view = loaded.view
    expect(view.get('session.lifespan')).toBe('2h')
    expect(view.origin('session.lifespan')).toMatchObject({
      kind: 'env',
      envVar: 'SESSION_LIFESPAN',
      location: { file: 'prod.env', line: 2 },
    })
    expect(view.get('dsn')).toBe('postgres://k:other@db/k')
    expect(view.origin('dsn')).toMatchObject({ via: 'process environment' })
  })
})
