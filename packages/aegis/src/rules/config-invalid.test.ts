import { describe, expect, it } from 'vitest'
import { ExternalValue, viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './config-invalid.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

const minimal = {
  dsn: 'memory',
  identity: {
    default_schema_id: 'default',
    schemas: [{ id: 'default', url: 'file:///etc/identity.schema.json' }],
  },
  selfservice: { default_browser_return_url: 'https://app.example.com/' },
}

describe('config-invalid', () => {
  it('accepts a minimal valid configuration', () => {
    expect(run(minimal)).toEqual([])
  })

  it('reports keys named like Object.prototype members as unknown instead of throwing', () => {
    const tree = JSON.parse(
      '{"constructor": 1, "__proto__": {"a": 1}, "session": {"toString": "x"}}',
    ) as Record<string, unknown>
    const findings = run({ ...minimal, ...tree })
    expect(findings.map((f) => f.key)).toEqual(
      expect.arrayContaining(['__proto__', 'constructor', 'session.toString']),
    )
    // Not taken for a key of another Kratos version either.
    const ctor = findings.find((f) => f.key === 'constructor')
    expect(ctor?.message).toContain('is not a Kratos')
    expect(ctor?.message).not.toContain('exists in')
  })

  it('reports session.cookie.http_only as fatal (high)', () => {
    const [f] = run({ ...minimal, session: { cookie: { http_only: true } } })
    expect(f).toMatchObject({ key: 'session.cookie.http_only', severity: 'high' })
    expect(f?.message).toContain('refuses to start')
  })

  it('reports an unquoted boolean secure with the fix-up suggestion', () => {
    const [f] = run({ ...minimal, session: { cookie: { secure: true } } })
    expect(f?.key).toBe('session.cookie.secure')
    expect(f?.message).toContain('Quote it')
  })

  it('reports self_service and secrets.session', () => {
    const keys = run({ ...minimal, self_service: {}, secrets: { session: ['x'.repeat(32)] } }).map(
      (f) => f.key,
    )
    expect(keys).toEqual(expect.arrayContaining(['self_service', 'secrets.session']))
  })

  it('reports keys the deployed version does not have', () => {
    const found = run({ ...minimal, session: { cookie: { secure: 'true' } } }, { version: 'v1.3' })
    expect(found.map((f) => f.key)).toContain('session.cookie.secure')
  })

  it('reports silently ignored keys as medium', () => {
    const found = run({ ...minimal, ciphers: { algorithm: 'noop', algoritm: 'aes' } })
    expect(found[0]).toMatchObject({ key: 'ciphers.algoritm', severity: 'medium' })
    expect(found[0]?.message).toContain('silently ignores')
  })

  it('never calls values set elsewhere missing', () => {
    const tree: Record<string, unknown> = { ...minimal, ciphers: { algorithm: 'aes' } }
    delete tree['dsn']
    expect(
      run(tree)
        .map((f) => f.key)
        .sort(),
    ).toEqual(['dsn', 'secrets.cipher'])
    const external = {
      ...tree,
      dsn: new ExternalValue('secretKeyRef kratos/dsn'),
      secrets: { cipher: new ExternalValue('secretKeyRef kratos/cipher') },
    }
    expect(run(external)).toEqual([])
  })

  it('leaves cipher lengths and unparsable secure strings to their own rules', () => {
    expect(run({ ...minimal, secrets: { cipher: ['short-cipher-key-1234'] } })).toEqual([])
    expect(run({ ...minimal, session: { cookie: { secure: 'yes' } } })).toEqual([])
  })

  it('reports Kratos-like environment variables that set no key, where they are set', () => {
    const env = {
      SECRETS_SESSION: 'a-session-secret-of-32-characters',
      SESSION_COOKIE_HTTP_ONLY: 'true',
      SESSION_LIFESPN: '1h',
      SESSION_LIFESPAN: '2h',
      POSTGRES_PASSWORD: 'not-kratos',
      DEV_DISABLE_API_FLOW_ENFORCEMENT: 'false',
      SQA_OPT_OUT: 'true',
    }
    const found = run(minimal, { env })
    expect(found.map((f) => [f.key, f.severity, f.origin, f.location])).toEqual([
      ['secrets.session', 'medium', 'env', null],
      ['session.cookie.http_only', 'medium', 'env', null],
      ['session.lifespn', 'medium', 'env', null],
    ])
    const typo = found.find((f) => f.key === 'session.lifespn')
    expect(typo?.message).toBe(
      'The environment variable SESSION_LIFESPN sets no Kratos v26.2 key. Kratos silently ignores it, so the setting keeps its value from the config files or its default. Did you mean `SESSION_LIFESPAN`?',
    )
    expect(found.find((f) => f.key === 'secrets.session')?.message).toContain('`SECRETS_COOKIE`')
    // The value is never part of the message.
    expect(JSON.stringify(found)).not.toContain('a-session-secret')
  })

  it('judges variable names by the deployed version', () => {
    const env = { SESSION_COOKIE_SECURE: 'true' }
    expect(run(minimal, { env, version: 'v26.2' })).toEqual([])
    const [f] = run(minimal, { env, version: 'v1.3' })
    expect(f).toMatchObject({ key: 'session.cookie.secure', origin: 'env' })
    expect(f?.message).toContain('only in Kratos v25.4, v26.2, head')
  })
})
