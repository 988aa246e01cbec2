import { describe, expect, it } from 'vitest'
import { validateTree } from './index.ts'

const base = {
  dsn: 'memory',
  identity: { schemas: [{ id: 'default', url: 'file:///etc/identity.schema.json' }] },
  selfservice: { default_browser_return_url: 'http://127.0.0.1:4455/' },
}
const methods = (m: Record<string, unknown>) => ({
  ...base,
  selfservice: { ...base.selfservice, methods: m },
})
const keys = (tree: Record<string, unknown>) =>
  validateTree(tree, 'head').map((p) => `${p.key} ${p.code}`)

const provider = (p: Record<string, unknown>) =>
  methods({
    oidc: {
      enabled: true,
      config: { providers: [{ id: 'x', client_id: 'c', mapper_url: 'file:///m.jsonnet', ...p }] },
    },
  })

describe('cross-key schema rules', () => {
  it('requires config for enabled webauthn/passkey and one of origin/origins', () => {
    expect(keys(methods({ passkey: { enabled: true } }))).toEqual([
      'selfservice.methods.passkey.config missing-required',
    ])
    const rp = {
      id: 'localhost',
      display_name: 'X',
      origin: 'http://localhost',
      origins: ['http://localhost'],
    }
    expect(keys(methods({ webauthn: { enabled: true, config: { rp } } }))).toEqual([
      'selfservice.methods.webauthn.config.rp conflicting-keys',
    ])
    const ok = { id: 'localhost', display_name: 'X', origins: ['http://localhost'] }
    expect(keys(methods({ webauthn: { enabled: true, config: { rp: ok } } }))).toEqual([])
  })

  it('checks OIDC provider secrets per provider kind', () => {
    expect(keys(provider({ provider: 'github', client_secret: 's' }))).toEqual([])
    expect(keys(provider({ provider: 'github' }))).toEqual([
      'selfservice.methods.oidc.config.providers.0.client_secret missing-required',
    ])
    expect(keys(provider({ provider: 'microsoft', client_secret: 's' }))).toEqual([
      'selfservice.methods.oidc.config.providers.0.microsoft_tenant missing-required',
    ])
    const apple = {
      provider: 'apple',
      apple_private_key_id: 'k',
      apple_private_key: 'p',
      apple_team_id: 't',
    }
    expect(keys(provider(apple))).toEqual([])
    expect(keys(provider({ ...apple, client_secret: 'not-for-apple' }))).toEqual([
      'selfservice.methods.oidc.config.providers.0.client_secret conflicting-keys',
    ])
  })

  it('refuses a web hook that both ignores and parses its response', () => {
    const hook = {
      hook: 'web_hook',
      config: {
        url: 'https://h.example/',
        method: 'POST',
        response: { ignore: true, parse: true },
      },
    }
    const tree = {
      ...base,
      selfservice: { ...base.selfservice, flows: { login: { after: { hooks: [hook] } } } },
    }
    expect(keys(tree)).toEqual([
      'selfservice.flows.login.after.hooks.0.config.response conflicting-keys',
    ])
  })

  it('refuses the code method as both passwordless and MFA', () => {
    expect(keys(methods({ code: { passwordless_enabled: true, mfa_enabled: true } }))).toEqual([
      'selfservice.methods.code conflicting-keys',
    ])
  })

  it('asserts uri and email formats', () => {
    expect(keys({ ...base, serve: { admin: { base_url: 'kratos:4434' } } })).toEqual([])
    expect(keys({ ...base, serve: { admin: { base_url: '/admin' } } })).toEqual([
      'serve.admin.base_url format',
    ])
    expect(keys({ ...base, courier: { smtp: { from_address: 'nobody' } } })).toEqual([
      'courier.smtp.from_address format',
    ])
    // uri-reference accepts relative references.
    expect(keys({ ...base, serve: { public: { base_url: '/' } } })).toEqual([])
  })

  it('does not report keys set elsewhere (a secretKeyRef) as missing', () => {
    const withoutDsn: Record<string, unknown> = { ...base }
    delete withoutDsn['dsn']
    expect(validateTree(withoutDsn, 'head').map((p) => p.key)).toEqual(['dsn'])
    expect(validateTree(withoutDsn, 'head', { isExternal: (path) => path === 'dsn' })).toEqual([])
  })
})
