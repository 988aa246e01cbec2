import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { checkRotation, generateSecret, planRotation } from './plan.ts'
import { GRACE_SECONDS, retentionFor } from './retention.ts'
import { decodeSessionCookie, encodeSessionCookie } from './securecookie.ts'
import { cookieSettings } from './secret-sources.ts'
import type { SecretRecord } from './state.ts'

const hour = 3600_000
const day = 24 * hour
const t0 = new Date('2026-01-01T00:00:00Z')
const at = (ms: number): Date => new Date(t0.getTime() + ms)

describe('generateSecret', () => {
  it('draws URL-safe secrets: exactly 32 chars for cipher, 48 otherwise, all different', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const cipher = generateSecret('cipher')
      const cookie = generateSecret('cookie')
      expect(cipher).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{31}$/)
      expect(cookie).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{47}$/)
      seen.add(cipher).add(cookie)
    }
    expect(seen.size).toBe(400)
  })
})

describe('retentionFor', () => {
  it('is the longest lifespan plus grace, and 30 days for a non-persistent cookie codec', () => {
    const view = viewFromObject({
      session: { lifespan: '72h' },
      selfservice: { methods: { link: { config: { lifespan: '96h' } } } },
    })
    expect(retentionFor(view, 'cookie').seconds).toBe(96 * 3600 + GRACE_SECONDS)
    const nonPersistent = viewFromObject({ session: { cookie: { persistent: false } } })
    expect(retentionFor(nonPersistent, 'cookie').seconds).toBe(30 * 86_400 + GRACE_SECONDS)
    expect(retentionFor(view, 'cipher').seconds).toBeNull()
  })
})

describe('rotation with real session cookies (FACTS.md §9)', () => {
  const view = viewFromObject({ session: { lifespan: '24h' } })
  const retention = retentionFor(view, 'cookie').seconds
  const codec = cookieSettings(view)
  const values = {
    session_token: 'ory_st_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    expires_at: '2026-01-02T00:00:00Z',
    nonce: 'abcdefgh',
  }
  const name = codec.name
  const original = generateSecret('cookie')

  it('keeps old cookies decodable after a rotation, and prunes only once none can be alive', () => {
    const oldCookie = encodeSessionCookie({ name, secret: original, values, now: t0 })
    // Rotation 1, an hour later: [B, A].
    const b = generateSecret('cookie')
    const r1 = planRotation({
      purpose: 'cookie',
      current: [original],
      records: [],
      now: at(hour),
      retentionSeconds: retention,
      newSecret: b,
    })
    expect(r1.secrets).toEqual([b, original])
    expect(r1.pruned).toEqual([])
    const afterRotation = decodeSessionCookie({
      name,
      value: oldCookie,
      secrets: r1.secrets,
      now: at(2 * hour),
      maxAgeSeconds: codec.maxAgeSeconds,
    })
    expect(afterRotation).toMatchObject({ ok: true, secretIndex: 1 })
    // New cookies are signed with B, the new first secret.
    const newCookie = encodeSessionCookie({
      name,
      secret: r1.secrets[0] ?? '',
      values,
      now: at(2 * hour),
    })
    expect(
      decodeSessionCookie({ name, value: newCookie, secrets: r1.secrets, now: at(2 * hour) }),
    ).toMatchObject({ ok: true, secretIndex: 0 })

    // Rotation 2 before A's retention ran out: A stays.
    const c = generateSecret('cookie')
    const early = planRotation({
      purpose: 'cookie',
      current: r1.secrets,
      records: r1.records,
      now: at(hour + 20 * hour),
      retentionSeconds: retention,
      newSecret: c,
    })
    expect(early.secrets).toEqual([c, b, original])

    // By the time A may go, the codec (MaxAge = lifespan) already refuses every A cookie: nothing is lost.
    const late = at(hour + (retention ?? 0) * 1000 + 1000)
    const beforePrune = decodeSessionCookie({
      name,
      value: oldCookie,
      secrets: early.secrets,
      now: late,
      maxAgeSeconds: codec.maxAgeSeconds,
    })
    expect(beforePrune).toMatchObject({ ok: false, reason: 'expired', secretIndex: 2 })
    const d = generateSecret('cookie')
    const r3 = planRotation({
      purpose: 'cookie',
      current: early.secrets,
      records: early.records,
      now: late,
      retentionSeconds: retention,
      newSecret: d,
    })
    expect(r3.secrets).toEqual([d, c, b])
    expect(r3.pruned.map((p) => p.leftFirstAt)).toEqual([at(hour).toISOString()])
    // After pruning, an A cookie no longer verifies at all, whatever its age.
    const afterPrune = decodeSessionCookie({
      name,
      value: oldCookie,
      secrets: r3.secrets,
      now: late,
      maxAgeSeconds: 0,
    })
    expect(afterPrune).toMatchObject({ ok: false, reason: 'mac-invalid' })
    // B cookies still decode (B was demoted later).
    expect(
      decodeSessionCookie({
        name,
        value: newCookie,
        secrets: r3.secrets,
        now: late,
        maxAgeSeconds: 0,
      }),
    ).toMatchObject({ ok: true, secretIndex: 2 })
  })

  it('never prunes a secret whose demotion time it does not know', () => {
    const unknownOld = generateSecret('cookie')
    const r = planRotation({
      purpose: 'cookie',
      current: [original, unknownOld],
      records: [],
      now: at(400 * day),
      retentionSeconds: retention,
      newSecret: 'x'.repeat(48),
    })
    expect(r.secrets).toHaveLength(3)
  })
})

describe('checkRotation', () => {
  const secret = generateSecret('cookie')
  const records: SecretRecord[] = [{ fingerprint: '', firstSeenAt: t0.toISOString() }]
  it('is stale when the age is unknown or above the limit', () => {
    expect(checkRotation([secret], records, t0, 90 * 86_400, null).stale).toBe(true)
    const r = planRotation({
      purpose: 'cookie',
      current: [],
      records: [],
      now: t0,
      retentionSeconds: null,
      newSecret: secret,
    })
    expect(checkRotation(r.secrets, r.records, at(89 * day), 90 * 86_400, null)).toMatchObject({
      stale: false,
      newestAgeSeconds: 89 * 86_400,
    })
    expect(checkRotation(r.secrets, r.records, at(91 * day), 90 * 86_400, null).stale).toBe(true)
  })
})
