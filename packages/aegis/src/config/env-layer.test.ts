import { describe, expect, it } from 'vitest'
import { tempFiles } from '../../../../test/support/temp-files.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import corsOriginUnsafe from '../rules/cors-origin-unsafe.ts'
import returnUrlUnsafe from '../rules/return-url-unsafe.ts'
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

  it('gives each NAME_n item its own variable line, and the list the lowest index', async () => {
    const cwd = tempFiles({
      'kratos.yml': 'dsn: memory\nserve:\n  public:\n    base_url: https://auth.example.com/\n',
      'kratos.env': [
        'SERVE_PUBLIC_CORS_ENABLED=true',
        'SELFSERVICE_ALLOWED_RETURN_URLS_1=http://plain.example.com/',
        'SERVE_PUBLIC_CORS_ALLOWED_ORIGINS_0=https://ok.example.com',
        'SERVE_PUBLIC_CORS_ALLOWED_ORIGINS_2=http://plain.example.com',
        'SERVE_PUBLIC_CORS_ALLOWED_ORIGINS_1=null',
        'SELFSERVICE_ALLOWED_RETURN_URLS_0=https://ok.example.com/',
        'SECRETS_COOKIE_1=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
        'SECRETS_COOKIE_0=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      ].join('\n'),
    })
    const { view } = await loadDeployment(['kratos.yml'], { cwd, envFiles: ['kratos.env'] })
    const line = (path: string): unknown => view.origin(path).location?.line
    expect(view.get('serve.public.cors.allowed_origins')).toEqual([
      'https://ok.example.com',
      'null',
      'http://plain.example.com',
    ])
    expect(['0', '1', '2'].map((i) => line(`serve.public.cors.allowed_origins.${i}`))).toEqual([
      3, 5, 4,
    ])
    expect(line('serve.public.cors.allowed_origins')).toBe(3)
    expect(['0', '1'].map((i) => line(`secrets.cookie.${i}`))).toEqual([8, 7])
    expect(view.origin('secrets.cookie.1')).toMatchObject({ envVar: 'SECRETS_COOKIE_1' })
    expect(line('selfservice.allowed_return_urls')).toBe(6)
    const findings = runRules(view, getProfile('baseline'), [corsOriginUnsafe, returnUrlUnsafe])
    const at = findings.map((f) => `${f.ruleId} ${f.key} ${String(f.location?.line)}`)
    expect(at).toEqual(
      expect.arrayContaining([
        'cors-origin-unsafe serve.public.cors.allowed_origins 5',
        'cors-origin-unsafe serve.public.cors.allowed_origins 4',
        'return-url-unsafe selfservice.allowed_return_urls 2',
      ]),
    )
  })
})
