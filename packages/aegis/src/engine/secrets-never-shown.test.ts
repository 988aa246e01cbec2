/**
 * Plants a distinct secret in every secret-bearing place a rule looks at, runs every rule under
 * every profile, and checks that no finding (message, key, fix, fingerprint) contains any of them.
 */
import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { profiles } from '../profiles/index.ts'
import { rules } from '../rules/index.ts'
import { evaluate } from './run-rules.ts'

const planted = {
  cookieWeak: 'Pl4ntedCookieSecret',
  cookiePlaceholder: 'PLEASE-CHANGE-ME-I-AM-VERY-INSECURE',
  cipherBad: 'Pl4ntedCipherKeyOfWrongLength-xyz',
  reused: 'Pl4ntedReusedSecretValue-0123456789ab',
  pagination: 'Pl4ntedPaginationSecret',
  dsnPassword: 'Pl4ntedDbPassw0rd',
  smtpPassword: 'Pl4ntedSmtpPassw0rd',
}

const tree = {
  dsn: `postgres://kratos:${planted.dsnPassword}@db.example.com:5432/kratos?sslmode=disable`,
  secrets: {
    cookie: [planted.reused, planted.cookieWeak, planted.cookiePlaceholder, 'x'.repeat(40)],
    default: [planted.reused],
    cipher: [planted.cipherBad],
    pagination: [planted.pagination],
  },
  ciphers: { algorithm: 'aes' },
  courier: {
    smtp: { connection_uri: `smtps://user:${planted.smtpPassword}@mail.example.com:465/` },
  },
  session: { cookie: { same_site: 'None', domain: 'example.com', secure: 'yes' } },
  serve: { public: { base_url: 'http://auth.example.com/', cors: { enabled: true } } },
  log: { leak_sensitive_values: true },
}

describe('secrets never appear in findings', () => {
  it.each(profiles.map((p) => p.id))('under %s', (id) => {
    const profile = profiles.find((p) => p.id === id)!
    for (const env of [
      {},
      { SECRETS_COOKIE: JSON.stringify([planted.cookieWeak]), DSN: tree.dsn },
    ]) {
      const { findings } = evaluate(viewFromObject(tree, { env, dev: true }), profile, rules)
      expect(findings.length).toBeGreaterThan(10)
      const text = JSON.stringify(findings)
      for (const secret of Object.values(planted)) expect(text).not.toContain(secret)
    }
  })

  it('still reports on every planted secret', () => {
    const { findings } = evaluate(viewFromObject(tree), profiles[0]!, rules)
    const ids = new Set(findings.map((f) => f.ruleId))
    for (const id of [
      'secret-too-weak',
      'secret-placeholder',
      'secret-cipher-length-invalid',
      'secret-reused',
      'dsn-credentials-inline',
      'dsn-tls-disabled',
    ]) {
      expect(ids).toContain(id)
    }
  })
})
