import { describe, expect, it } from 'vitest'
import { redactText, redactValue } from './redact.ts'

describe('redaction for config show', () => {
  it('masks secret keys entirely and DSN passwords inside the URL', () => {
    expect(
      redactValue('secrets.cookie', ['abcdefghijklmnopq', 'rstuvwxyz0123456'], 'v26.2'),
    ).toEqual(['********', '********'])
    expect(redactValue('dsn', 'postgres://u:pa55word@db/k?sslmode=require', 'v26.2')).toBe(
      'postgres://u:********@db/k?sslmode=require',
    )
    expect(redactValue('dsn', 'memory', 'v26.2')).toBe('memory')
    expect(redactValue('courier.smtp.connection_uri', 'smtps://a:b-secret@mail:465', 'v26.2')).toBe(
      'smtps://a:********@mail:465',
    )
  })

  it('masks tokens, JWTs, base64 key material and password parameters anywhere', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'
    const out = redactText(
      `x ory_st_abcdefghijk ${jwt} base64://eyJrZXlzIjpbXX0= db?user=a&password=p4ss&x=1`,
    )
    for (const secret of ['abcdefghijk', jwt, 'eyJrZXlzIjpbXX0', 'p4ss'])
      expect(out).not.toContain(secret)
    expect(out).toContain('&x=1')
  })

  it('leaves ordinary values alone and walks objects', () => {
    expect(
      redactValue('session', { lifespan: '24h', cookie: { name: 'ory_kratos_session' } }, 'v26.2'),
    ).toEqual({ lifespan: '24h', cookie: { name: 'ory_kratos_session' } })
  })
})
