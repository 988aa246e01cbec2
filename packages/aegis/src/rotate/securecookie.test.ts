import { createCipheriv, createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeGob, gobMapToRecord } from './gob.ts'
import { decodeSessionCookie, encodeSessionCookie } from './securecookie.ts'

const name = 'ory_kratos_session'
const secret = 'a-first-secret-of-32-characters!'
const old = 'an-older-secret-still-verifying'
const values = {
  session_token: 'ory_st_abcdefghijklmnopqrstuvwxyz012345',
  expires_at: '2026-11-27T22:00:00.123456789Z',
  nonce: 'AbCdEfGh',
}
const t0 = new Date('2026-11-26T22:00:00Z')

describe('encodeSessionCookie', () => {
  it('follows securecookie step by step (independent re-derivation with a fixed IV)', () => {
    const iv = new Uint8Array(16).fill(7)
    const cookie = encodeSessionCookie({ name, secret, values, now: t0, iv })
    const outer = Buffer.from(cookie, 'base64url').toString('latin1')
    const [date, sealed] = outer.split('|')
    expect(date).toBe(String(t0.getTime() / 1000))
    // MAC = HMAC-SHA256(secret, "name|date|value"), appended raw after the second pipe.
    const macInput = `${name}|${date}|${sealed}`
    const mac = createHmac('sha256', secret).update(macInput).digest()
    const raw = Buffer.from(cookie, 'base64url')
    expect(raw.subarray(raw.length - 32).equals(mac)).toBe(true)
    // value = base64url(IV ‖ AES-256-CTR(SHA-256(secret), IV, gob)), padded like Go's URLEncoding.
    const blob = Buffer.from(sealed ?? '', 'base64url')
    expect(blob.subarray(0, 16).equals(Buffer.from(iv))).toBe(true)
    const key = createHash('sha256').update(secret).digest()
    const d = createCipheriv('aes-256-ctr', key, blob.subarray(0, 16))
    const plain = Buffer.concat([d.update(blob.subarray(16)), d.final()])
    expect(gobMapToRecord(decodeGob(plain))).toEqual(values)
    expect((sealed ?? '').length % 4).toBe(0)
    expect(cookie.length % 4).toBe(0)
  })

  it('changes on every issuance because the IV is random (FACTS.md §4.1)', () => {
    const a = encodeSessionCookie({ name, secret, values, now: t0 })
    const b = encodeSessionCookie({ name, secret, values, now: t0 })
    expect(a).not.toBe(b)
  })
})

describe('decodeSessionCookie', () => {
  const cookie = encodeSessionCookie({ name, secret, values, now: t0 })

  it('round-trips and reports the secret and issuance time', () => {
    const r = decodeSessionCookie({ name, value: cookie, secrets: [secret], now: t0 })
    expect(r).toEqual({ ok: true, values, secretIndex: 0, issuedAt: t0.getTime() / 1000 })
  })

  it('tries every secret in order and says which one decoded (rotation, FACTS.md §9)', () => {
    const r = decodeSessionCookie({ name, value: cookie, secrets: [old, secret], now: t0 })
    expect(r.ok && r.secretIndex).toBe(1)
  })

  it('rejects a wrong secret', () => {
    const r = decodeSessionCookie({ name, value: cookie, secrets: [old], now: t0 })
    expect(r).toMatchObject({ ok: false, reason: 'mac-invalid' })
  })

  it('rejects a cookie presented under another name (the name is signed)', () => {
    const r = decodeSessionCookie({ name: 'other', value: cookie, secrets: [secret], now: t0 })
    expect(r).toMatchObject({ ok: false, reason: 'mac-invalid' })
  })

  it('detects tampering with any byte of the envelope', () => {
    const raw = Buffer.from(cookie, 'base64url')
    for (const at of [0, 12, Math.floor(raw.length / 2), raw.length - 1]) {
      const bad = Buffer.from(raw)
      bad[at] = (bad[at] ?? 0) ^ 0x01
      const value =
        bad.toString('base64url') + '='.repeat((4 - (bad.toString('base64url').length % 4)) % 4)
      const r = decodeSessionCookie({ name, value, secrets: [secret], now: t0 })
      expect(r.ok).toBe(false)
    }
  })

  it('rejects an unpadded or non-URL base64 value as Go does', () => {
    const r = decodeSessionCookie({
      name,
      value: cookie.replace(/=+$/, '') + '+',
      secrets: [secret],
    })
    expect(r).toMatchObject({ ok: false, reason: 'not-base64' })
  })

  it('applies the codec max age: 30 days by default, the lifespan when persistent', () => {
    const day = 86_400_000
    const at = (ms: number): Date => new Date(t0.getTime() + ms)
    const ok30 = decodeSessionCookie({ name, value: cookie, secrets: [secret], now: at(30 * day) })
    expect(ok30.ok).toBe(true)
    const late = decodeSessionCookie({ name, value: cookie, secrets: [secret], now: at(31 * day) })
    expect(late).toMatchObject({ ok: false, reason: 'expired', secretIndex: 0 })
    const lifespan = decodeSessionCookie({
      name,
      value: cookie,
      secrets: [secret],
      now: at(day + 1000),
      maxAgeSeconds: 86_400,
    })
    expect(lifespan).toMatchObject({ ok: false, reason: 'expired' })
    const unlimited = decodeSessionCookie({
      name,
      value: cookie,
      secrets: [secret],
      now: at(400 * day),
      maxAgeSeconds: 0,
    })
    expect(unlimited.ok).toBe(true)
  })

  it('never puts the token into an error message', () => {
    const r = decodeSessionCookie({ name, value: cookie, secrets: [old] })
    expect(JSON.stringify(r)).not.toContain('ory_st_')
  })
})
