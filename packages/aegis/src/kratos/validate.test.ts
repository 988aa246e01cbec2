import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { sharedDir } from '../../../../test/support/cli.ts'
import { kratosVersions, validateTree } from './index.ts'
import type { KratosVersion, ValidationProblem } from './index.ts'

const configs = join(sharedDir, 'kratos', 'configs')
const load = (name: string): Record<string, unknown> =>
  parse(readFileSync(join(configs, name), 'utf8')) as Record<string, unknown>
const quickstarts = readdirSync(configs).filter((f) => f.startsWith('contrib__quickstart__'))

const valid: Record<string, unknown> = {
  version: 'v1.3.1',
  dsn: 'memory',
  identity: { schemas: [{ id: 'default', url: 'file:///etc/config/kratos/identity.schema.json' }] },
  selfservice: { default_browser_return_url: 'http://127.0.0.1:4455/' },
  secrets: { cookie: ['a-very-long-cookie-secret-0001'] },
}

/** `valid` with `patch` deep-merged in. */
const withPatch = (patch: Record<string, unknown>): Record<string, unknown> => {
  const merge = (a: unknown, b: unknown): unknown => {
    if (typeof a !== 'object' || a === null || Array.isArray(a)) return b
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return b
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) }
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v)
    return out
  }
  return merge(structuredClone(valid), patch) as Record<string, unknown>
}

const only = (problems: ValidationProblem[], key: string): ValidationProblem => {
  const found = problems.filter((p) => p.key === key)
  expect(found, JSON.stringify(problems)).toHaveLength(1)
  return found[0]!
}

describe('validateTree on real Kratos configs', () => {
  it('finds the six quickstarts valid in every version', () => {
    expect(quickstarts).toHaveLength(6)
    for (const file of quickstarts) {
      // The passkey quickstart gets its DSN from the compose environment (DSN=…).
      const tree = { dsn: 'memory', ...load(file) }
      for (const version of kratosVersions) {
        expect(validateTree(tree, version), `${file} ${version}`).toEqual([])
      }
    }
  })

  it('reports the missing dsn of the passkey quickstart on its own', () => {
    const problems = validateTree(load('contrib__quickstart__kratos__passkey__kratos.yml'), 'v26.2')
    expect(problems).toEqual([
      expect.objectContaining({ key: 'dsn', severity: 'fatal', code: 'missing-required' }),
    ])
  })

  it('accepts the HEAD serve stub from v25.4 on and rejects its secrets.pagination in v1.3', () => {
    const stub = load('cmd__serve__stub__kratos.yml')
    for (const v of ['v25.4', 'v26.2', 'head'] as const) expect(validateTree(stub, v)).toEqual([])
    const problem = only(validateTree(stub, 'v1.3'), 'secrets.pagination')
    expect(problem).toMatchObject({ severity: 'fatal', code: 'unknown-key' })
    expect(problem.message).toContain('v25.4')
  })

  it('needs identity and dsn for the partial e2e base config', () => {
    const codes = validateTree(load('test__e2e__profiles__kratos.base.yml'), 'head').map(
      (p) => p.key,
    )
    expect(codes).toEqual(['identity', 'dsn'])
  })
})

describe('validateTree on planted mistakes', () => {
  const check = (patch: Record<string, unknown>, version: KratosVersion = 'head') =>
    validateTree(withPatch(patch), version)

  it('accepts the minimal valid config', () => {
    for (const v of kratosVersions) expect(validateTree(valid, v)).toEqual([])
  })

  it('rejects session.cookie.http_only and says HttpOnly is always on', () => {
    const p = only(check({ session: { cookie: { http_only: true } } }), 'session.cookie.http_only')
    expect(p).toMatchObject({ severity: 'fatal', code: 'unknown-key' })
    expect(p.suggestion).toMatch(/always on/)
  })

  it('rejects a boolean session.cookie.secure and suggests quoting it', () => {
    const p = only(check({ session: { cookie: { secure: false } } }), 'session.cookie.secure')
    expect(p).toMatchObject({ severity: 'fatal', code: 'secure-not-string' })
    expect(p.suggestion).toContain('"false"')
    expect(check({ session: { cookie: { secure: 'false' } } })).toEqual([])
  })

  it('rejects session.cookie.secure in v1.3 as a key of later versions', () => {
    const p = only(
      check({ session: { cookie: { secure: 'true' } } }, 'v1.3'),
      'session.cookie.secure',
    )
    expect(p).toMatchObject({ severity: 'fatal', code: 'unknown-key' })
    expect(p.message).toContain('v25.4')
  })

  it('warns when secure is a string Go does not parse (silently false)', () => {
    const p = only(check({ cookies: { secure: 'yes' } }), 'cookies.secure')
    expect(p).toMatchObject({ severity: 'warning', code: 'secure-not-go-bool' })
  })

  it('maps self_service, secrets.session and tls.enabled to what was meant', () => {
    expect(only(check({ self_service: {} }), 'self_service').suggestion).toContain('`selfservice`')
    expect(
      only(check({ secrets: { session: ['x'.repeat(20)] } }), 'secrets.session').suggestion,
    ).toContain('`secrets.cookie`')
    const tls = only(
      check({ serve: { public: { tls: { enabled: true } } } }),
      'serve.public.tls.enabled',
    )
    expect(tls).toMatchObject({ severity: 'fatal' })
    expect(tls.suggestion).toMatch(/cert.*key/)
  })

  it('suggests the nearest sibling for typos under closed objects', () => {
    const p = only(check({ session: { lifespam: '1h' } }), 'session.lifespam')
    expect(p.suggestion).toContain('`lifespan`')
  })

  it('suggests a key written at the wrong depth of its section', () => {
    const p = only(check({ session: { same_site: 'Lax' } }), 'session.same_site')
    expect(p.suggestion).toContain('`session.cookie.same_site`')
    const q = only(check({ serve: { cors: { enabled: true } } }), 'serve.cors')
    expect(q.severity).toBe('fatal')
  })

  it('reports typos under open objects as ignored, not fatal', () => {
    const p = only(check({ ciphers: { algoritm: 'aes' } }), 'ciphers.algoritm')
    expect(p).toMatchObject({ severity: 'ignored', code: 'ignored-key' })
    expect(p.suggestion).toContain('`algorithm`')
    expect(only(check({ security: { foo: 1 } }), 'security.foo').severity).toBe('ignored')
    const tpl = {
      session: {
        whoami: { tokenizer: { templates: { a: { jwks_url: 'file:///j', tll: '1m' } } } },
      },
    }
    expect(only(check(tpl), 'session.whoami.tokenizer.templates.a.tll').severity).toBe('ignored')
  })

  it('rejects bad durations with a hint', () => {
    const p = only(check({ session: { lifespan: '1d' } }), 'session.lifespan')
    expect(p).toMatchObject({ severity: 'fatal', code: 'bad-duration' })
    expect(p.suggestion).toContain('`24h`')
    expect(
      only(
        check({ selfservice: { flows: { settings: { privileged_session_max_age: '1.5h' } } } }),
        'selfservice.flows.settings.privileged_session_max_age',
      ).code,
    ).toBe('bad-duration')
    expect(check({ session: { lifespan: '720h', earliest_possible_extend: '0s' } })).toEqual([])
  })

  it('rejects short secrets and wrong-length cipher secrets without printing them', () => {
    const secret = 'short-secret'
    const p = only(check({ secrets: { cookie: [secret] } }), 'secrets.cookie.0')
    expect(p).toMatchObject({ severity: 'fatal', code: 'too-short' })
    const cipher = 'c'.repeat(31)
    const c = only(
      check({ ciphers: { algorithm: 'aes' }, secrets: { cipher: [cipher] } }),
      'secrets.cipher.0',
    )
    expect(c.message).toContain('exactly 32')
    const all = JSON.stringify(check({ secrets: { cookie: [secret], cipher: ['d'.repeat(40)] } }))
    expect(all).not.toContain(secret)
    expect(all).not.toContain('d'.repeat(40))
  })

  it('requires secrets.cipher for aes/xchacha and courier for recovery', () => {
    expect(
      only(check({ ciphers: { algorithm: 'xchacha20-poly1305' } }), 'secrets.cipher').code,
    ).toBe('missing-required')
    expect(check({ ciphers: { algorithm: 'noop' } })).toEqual([])
    const p = only(check({ selfservice: { flows: { recovery: { enabled: true } } } }), 'courier')
    expect(p.code).toBe('missing-required')
    const withCourier = {
      selfservice: { flows: { recovery: { enabled: true } } },
      courier: { smtp: { connection_uri: 'smtps://u:p@mail:465/' } },
    }
    expect(check(withCourier)).toEqual([])
  })

  it('requires the top-level keys and selfservice.default_browser_return_url', () => {
    const keys = validateTree({ selfservice: {} }, 'head').map((p) => p.key)
    expect(keys).toEqual(['identity', 'dsn', 'selfservice.default_browser_return_url'])
  })

  it('rejects enum values case-sensitively with the right spelling', () => {
    const p = only(check({ session: { cookie: { same_site: 'lax' } } }), 'session.cookie.same_site')
    expect(p).toMatchObject({ severity: 'fatal', code: 'enum' })
    expect(p.suggestion).toContain('`Lax`')
  })

  it('rejects wrong types and ranges', () => {
    expect(only(check({ serve: { public: { port: '4433' } } }), 'serve.public.port').code).toBe(
      'wrong-type',
    )
    expect(only(check({ serve: { public: { port: 70000 } } }), 'serve.public.port').code).toBe(
      'out-of-range',
    )
    expect(only(check({ hashers: { bcrypt: { cost: 3 } } }), 'hashers.bcrypt.cost').code).toBe(
      'out-of-range',
    )
    expect(only(check({ hashers: { bcrypt: {} } }), 'hashers.bcrypt.cost').code).toBe(
      'missing-required',
    )
  })

  it('checks hooks by position: revoke_active_sessions after login, session only after registration', () => {
    const revoke = { hooks: [{ hook: 'revoke_active_sessions' }] }
    expect(check({ selfservice: { flows: { login: { after: revoke } } } })).toEqual([])
    expect(
      check({ selfservice: { flows: { settings: { after: { password: revoke } } } } }),
    ).toEqual([])
    const p = only(
      check({
        selfservice: {
          flows: { login: { after: { password: { hooks: [{ hook: 'session' }] } } } },
        },
      }),
      'selfservice.flows.login.after.password.hooks.0.hook',
    )
    expect(p).toMatchObject({ severity: 'fatal', code: 'variant-not-allowed' })
    const web = {
      hook: 'web_hook',
      config: { url: 'https://h.example/x', method: 'POST', bogus: 1 },
    }
    const w = check({
      selfservice: { flows: { registration: { after: { password: { hooks: [web] } } } } },
    })
    expect(w.map((x) => x.key)).toEqual([
      'selfservice.flows.registration.after.password.hooks.0.config.bogus',
    ])
  })
})
