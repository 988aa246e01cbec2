import { describe, expect, it } from 'vitest'
import { allKeys, childKeys, defaultValue, keySpec } from './index.ts'

describe('keySpec', () => {
  it('describes the session keys with their FACTS.md defaults', () => {
    expect(keySpec('session.lifespan', 'head')).toMatchObject({
      type: 'string',
      default: '24h',
      duration: true,
    })
    expect(keySpec('session.cookie', 'head')?.closed).toBe(true)
    expect(keySpec('session.cookie.name', 'v1.3')?.default).toBe('ory_kratos_session')
    expect(keySpec('session.cookie.same_site', 'head')?.enum).toEqual(['Strict', 'Lax', 'None'])
    expect(keySpec('session.earliest_possible_extend', 'head')?.default).toBeUndefined()
  })

  it('knows session.cookie.secure only from v25.4, as a string', () => {
    expect(keySpec('session.cookie.secure', 'v1.3')).toBeUndefined()
    expect(keySpec('cookies.secure', 'v1.3')).toBeUndefined()
    for (const v of ['v25.4', 'v26.2', 'head'] as const) {
      expect(keySpec('session.cookie.secure', v)).toMatchObject({
        type: 'string',
        versions: ['v25.4', 'v26.2', 'head'],
      })
    }
  })

  it('has no session.cookie.http_only, no secrets.session, no self_service', () => {
    for (const path of [
      'session.cookie.http_only',
      'secrets.session',
      'self_service',
      'serve.public.tls.enabled',
    ]) {
      expect(keySpec(path, 'head')).toBeUndefined()
    }
  })

  it('resolves array items and user-named map entries', () => {
    expect(keySpec('secrets.cookie.0', 'head')).toMatchObject({
      type: 'string',
      minLength: 16,
      secret: true,
    })
    expect(keySpec('secrets.cipher.3', 'v1.3')).toMatchObject({ minLength: 32, maxLength: 32 })
    expect(keySpec('session.whoami.tokenizer.templates.mytpl.ttl', 'head')).toMatchObject({
      path: 'session.whoami.tokenizer.templates.*.ttl',
      default: '1m',
    })
    expect(keySpec('secrets.cookie', 'head')?.items?.minLength).toBe(16)
  })

  it('marks secrets and the DSN secret', () => {
    expect(keySpec('dsn', 'head')?.secret).toBe(true)
    expect(keySpec('courier.smtp.connection_uri', 'head')?.secret).toBe(true)
    expect(
      keySpec('selfservice.methods.oidc.config.providers.0.client_secret', 'head')?.secret,
    ).toBe(true)
    expect(keySpec('session.lifespan', 'head')?.secret).toBeUndefined()
    expect(keySpec('secrets', 'head')?.secret).toBe(true)
    expect(keySpec('serve.public.tls.key.base64', 'head')?.secret).toBe(true)
    expect(keySpec('serve.public.tls.cert.base64', 'head')?.secret).toBeUndefined()
    expect(keySpec('courier.smtp.headers.Authorization', 'head')?.secret).toBe(true)
    expect(keySpec('session.whoami.tokenizer.templates.t.jwks_url', 'head')?.secret).toBe(true)
    const hook = 'selfservice.flows.login.after.hooks.0.config.auth.config'
    expect(keySpec(`${hook}.password`, 'head')?.secret).toBe(true)
    expect(keySpec(`${hook}.value`, 'v1.3')?.secret).toBe(true)
  })

  it('records open objects where Kratos ignores unknown keys', () => {
    expect(keySpec('ciphers', 'head')?.closed).toBe(false)
    expect(keySpec('security', 'head')?.closed).toBe(false)
    expect(keySpec('selfservice.methods.code', 'head')?.closed).toBe(false)
    expect(keySpec('', 'head')?.closed).toBe(true)
  })

  it('lists children and all keys per version', () => {
    const names = childKeys('session', 'head').map((s) => s.path)
    expect(names).toEqual([
      'session.whoami',
      'session.lifespan',
      'session.cookie',
      'session.earliest_possible_extend',
    ])
    expect(childKeys('secrets', 'v1.3').map((s) => s.path)).not.toContain('secrets.pagination')
    expect(childKeys('secrets', 'v26.2').map((s) => s.path)).toContain('secrets.pagination')
    const head = allKeys('head').map((s) => s.path)
    expect(head).toContain('selfservice.flows.logout.clear_browser_data')
    expect(allKeys('v26.2').map((s) => s.path)).not.toContain(
      'selfservice.flows.logout.clear_browser_data',
    )
    expect(head).not.toContain('')
  })
})

describe('defaultValue', () => {
  it('returns schema defaults and undefined when there is none', () => {
    expect(defaultValue('selfservice.flows.settings.privileged_session_max_age', 'head')).toBe('1h')
    expect(defaultValue('serve.public.cors.allowed_origins', 'head')).toEqual(['*'])
    expect(defaultValue('serve.public.port', 'v1.3')).toBe(4433)
    expect(defaultValue('ciphers.algorithm', 'head')).toBe('noop')
    expect(defaultValue('cookies.same_site', 'head')).toBe('Lax')
    expect(defaultValue('session.cookie.same_site', 'head')).toBeUndefined()
    expect(defaultValue('nope.nothing', 'head')).toBeUndefined()
  })

  it('applies per-version defaults', () => {
    expect(defaultValue('selfservice.flows.login.ui_url', 'v26.2')).toContain('ory.sh')
    expect(defaultValue('selfservice.flows.login.ui_url', 'head')).toContain('ory.com')
  })
})
