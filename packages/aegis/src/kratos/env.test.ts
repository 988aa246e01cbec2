import { describe, expect, it } from 'vitest'
import {
  allKeys,
  castEnvValue,
  envVarToKey,
  keySpec,
  kratosVersions,
  parseGoBool,
} from './index.ts'
import type { KeySpec } from './index.ts'

const spec = (path: string): KeySpec => {
  const found = keySpec(path, 'head')
  if (found === undefined) throw new Error(`no spec for ${path}`)
  return found
}

describe('envVarToKey', () => {
  it('maps names the way Kratos does (FACTS.md §3)', () => {
    expect(envVarToKey('SESSION_COOKIE_SAME_SITE', 'head')).toEqual({
      path: 'session.cookie.same_site',
    })
    expect(envVarToKey('SELFSERVICE_FLOWS_SETTINGS_PRIVILEGED_SESSION_MAX_AGE', 'head')).toEqual({
      path: 'selfservice.flows.settings.privileged_session_max_age',
    })
    expect(envVarToKey('DSN', 'head')).toEqual({ path: 'dsn' })
    expect(envVarToKey('DEV', 'head')).toEqual({ path: 'dev' })
    expect(envVarToKey('LOG_LEAK_SENSITIVE_VALUES', 'v1.3')).toEqual({
      path: 'log.leak_sensitive_values',
    })
    expect(envVarToKey('serve_public_base_url', 'head')).toEqual({ path: 'serve.public.base_url' })
  })

  it('maps indexed names to array items', () => {
    expect(envVarToKey('SECRETS_COOKIE_0', 'head')).toEqual({ path: 'secrets.cookie', index: 0 })
    expect(envVarToKey('SECRETS_COOKIE_12', 'head')).toEqual({ path: 'secrets.cookie', index: 12 })
    expect(envVarToKey('SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS_1_CLIENT_ID', 'head')).toEqual({
      path: 'selfservice.methods.oidc.config.providers.1.client_id',
    })
  })

  it('ignores variables Kratos ignores and keys of other versions', () => {
    expect(envVarToKey('PATH', 'head')).toBeUndefined()
    expect(envVarToKey('DEV_DISABLE_API_FLOW_ENFORCEMENT', 'head')).toBeUndefined()
    expect(envVarToKey('SESSION_COOKIE_SECURE', 'v1.3')).toBeUndefined()
    expect(envVarToKey('SESSION_COOKIE_SECURE', 'v26.2')).toEqual({ path: 'session.cookie.secure' })
    expect(envVarToKey('SECRETS_SESSION', 'head')).toBeUndefined()
  })

  it('takes only ASCII digits as array indices, and stays linear in numeric segments', () => {
    expect(envVarToKey('SECRETS_COOKIE_٣', 'head')).toBeUndefined()
    expect(envVarToKey('SECRETS_COOKIE_0_0', 'head')).toBeUndefined()
    // Every numeric segment could be an index or a name: a search that tried both at each one
    // would never return here.
    expect(envVarToKey(`SECRETS_COOKIE${'_0'.repeat(20_000)}`, 'head')).toBeUndefined()
    expect(
      envVarToKey(`SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS${'_1'.repeat(40)}_CLIENT_ID`, 'head'),
    ).toBeUndefined()
  })
})

describe('castEnvValue', () => {
  it('keeps strings raw, so SESSION_COOKIE_SECURE=false is valid', () => {
    expect(castEnvValue('false', spec('session.cookie.secure'))).toEqual({
      ok: true,
      value: 'false',
    })
  })

  it('casts booleans with strconv.ParseBool and reports what Go would not parse', () => {
    expect(castEnvValue('TRUE', spec('dev'))).toEqual({ ok: true, value: true })
    expect(castEnvValue('0', spec('dev'))).toEqual({ ok: true, value: false })
    expect(castEnvValue('yes', spec('dev'))).toMatchObject({ ok: false, fallback: false })
  })

  it('casts integers', () => {
    expect(castEnvValue('4455', spec('serve.public.port'))).toEqual({ ok: true, value: 4455 })
    expect(castEnvValue('0x10', spec('serve.public.port'))).toEqual({ ok: true, value: 16 })
    expect(castEnvValue('12.0', spec('hashers.bcrypt.cost'))).toEqual({ ok: true, value: 12 })
    expect(castEnvValue('0755', spec('serve.public.socket.mode'))).toEqual({ ok: true, value: 493 })
    expect(castEnvValue('twelve', spec('hashers.bcrypt.cost'))).toMatchObject({
      ok: false,
      fallback: 0,
    })
  })

  it('reads arrays as JSON, else as one CSV line', () => {
    expect(
      castEnvValue('["new-secret-xxxxxxxx","old-secret-yyyyyyyy"]', spec('secrets.cookie')),
    ).toEqual({
      ok: true,
      value: ['new-secret-xxxxxxxx', 'old-secret-yyyyyyyy'],
    })
    expect(castEnvValue('new-secret,old-secret', spec('secrets.cookie'))).toEqual({
      ok: true,
      value: ['new-secret', 'old-secret'],
    })
    expect(castEnvValue('"a,b",c', spec('secrets.cookie'))).toEqual({
      ok: true,
      value: ['a,b', 'c'],
    })
  })

  it('turns an all-digit secret into null, as Kratos does (FACTS.md §3)', () => {
    const result = castEnvValue('1234567890123456', spec('secrets.cookie'))
    expect(result).toMatchObject({ ok: true, value: null })
    expect(result.ok && result.warning).toMatch(/JSON array/)
  })

  it('reads objects as JSON', () => {
    expect(castEnvValue('{"a":"b"}', spec('courier.smtp.headers'))).toEqual({
      ok: true,
      value: { a: 'b' },
    })
    expect(castEnvValue('nope', spec('courier.smtp.headers'))).toMatchObject({ ok: false })
  })
})

describe('parseGoBool', () => {
  it('accepts exactly the strconv.ParseBool set', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(t)).toBe(true)
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(f)).toBe(false)
    for (const x of ['yes', 'on', 'tRUE', ' true', '']) expect(parseGoBool(x)).toBeNull()
  })
})

describe('envVarToKey over the whole model', () => {
  it('maps the upper-case env name of every key back to that key (no ambiguity)', () => {
    for (const version of kratosVersions) {
      const paths = allKeys(version)
        .map((s) => s.path)
        .filter((p) => !p.includes('*') && !p.includes('#') && !p.includes('-'))
      const wrong = paths.filter(
        (p) => envVarToKey(p.toUpperCase().replace(/\./g, '_'), version)?.path !== p,
      )
      expect(wrong, version).toEqual([])
    }
  })
})
