// QA M9: the verdict follows what the browser sends. A Lax cookie does not go along on a
// cross-site credentialed fetch (RFC 6265bis §5.6.7.1), so only same-site origins can read
// whoami with it; SameSite=None exposes every accepted origin. Proven against the double.
import { afterEach, describe, expect, it } from 'vitest'
import {
  startKratosDouble,
  type DoubleOptions,
  type KratosDouble,
} from '../../../../../test/support/kratos-double/index.ts'
import { getProfile } from '../../profiles/index.ts'
import { runProbe } from '../run-probe.ts'
import check, { rate, sameSiteAs, siteOf } from './cors-credentials-origin.ts'

const password = 'correct-horse-battery-staple-42'
let kratos: KratosDouble | undefined
afterEach(async () => {
  await kratos?.close()
  kratos = undefined
})

const probe = async (options: DoubleOptions, withIdentity: boolean) => {
  kratos = await startKratosDouble({
    cookie: { name: '__Host-ory_kratos_session' },
    ...options,
  })
  await kratos.createIdentity({ email: 'cors@example.test', password })
  const result = await runProbe({
    target: { publicUrl: new URL(kratos.publicUrl), adminUrl: new URL(kratos.adminUrl) },
    checks: [check],
    profile: getProfile('baseline'),
    ...(withIdentity ? { identity: `cors@example.test:${password}` } : {}),
  })
  expect(result.units.find((u) => u.id === check.id)?.outcome).toBe('fail')
  return result.findings.find((f) => f.ruleId === check.id)!
}

describe('cors-credentials-origin severity follows the session cookie', () => {
  it('is medium with the default Lax cookie: only same-site origins get it', async () => {
    const f = await probe({ weaknesses: { corsReflectAnyOrigin: true } }, true)
    expect(f.severity).toBe('medium')
    expect(f.message).toContain('SameSite=Lax')
    expect(f.message).toContain('cross-site pages get no cookie')
    expect(f.message).toMatch(/same-site origins \(http:\/\/127\.0\.0\.1:999[89]\)/)
    expect(f.message).not.toMatch(/critical/i)
  })

  it('is high when the session cookie is SameSite=None', async () => {
    const f = await probe({ weaknesses: { corsReflectAnyOrigin: true, sameSiteNone: true } }, true)
    expect(f.severity).toBe('high')
    expect(f.message).toContain('SameSite=None')
  })

  it('says the SameSite is unknown without an identity to log in with', async () => {
    const f = await probe({ weaknesses: { corsReflectAnyOrigin: true } }, false)
    expect(f.severity).toBe('medium')
    expect(f.message).toContain('unknown')
  })
})

describe('same-site classification', () => {
  it('compares registrable domains, scheme aside; null and file: are cross-site', () => {
    expect(siteOf('auth.example.com')).toBe('example.com')
    expect(siteOf('a.b.example.co.uk')).toBe('example.co.uk')
    expect(siteOf('app.vercel.app')).toBe('app.vercel.app')
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1')
    const target = new URL('https://auth.example.com/')
    expect(sameSiteAs('https://evil.auth.example.com', target)).toBe(true)
    expect(sameSiteAs('http://auth.example.com', target)).toBe(true)
    expect(sameSiteAs('https://auth.example.com.evil.example', target)).toBe(false)
    expect(sameSiteAs('https://evilauth.example.com', target)).toBe(true)
    expect(sameSiteAs('null', target)).toBe(false)
    expect(sameSiteAs('file://', target)).toBe(false)
    expect(sameSiteAs('https://x.127.0.0.1', new URL('http://127.0.0.1:4433/'))).toBe(false)
    expect(sameSiteAs('http://127.0.0.1:9999', new URL('http://127.0.0.1:4433/'))).toBe(true)
    // Not a serialized origin: no browser sends it.
    expect(sameSiteAs('https://evil.example@auth.example.com', target)).toBe(false)
    expect(sameSiteAs('https://auth.example.com/.evil.example', target)).toBe(false)
  })

  it('rates cross-site-only acceptance low under Lax and Strict, high under None', () => {
    const target = new URL('https://auth.example.com/')
    const cross = ['null', 'https://evil.example']
    expect(rate(cross, target, 'lax').severity).toBe('low')
    expect(rate(cross, target, 'strict').message).toContain('SameSite=Strict')
    expect(rate(cross, target, 'none').severity).toBe('high')
    expect(rate(cross, target, 'absent').severity).toBe('high')
    expect(rate(['https://sub.example.com'], target, 'none').severity).toBe('medium')
  })
})
