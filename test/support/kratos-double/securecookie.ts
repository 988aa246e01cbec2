// gorilla/securecookie as Kratos configures it for the session cookie (FACTS §4.1, §9): for every
// secret, HMAC-SHA256 key = the secret and AES-256-CTR key = SHA-256(secret); the first secret encodes,
// every secret is tried when decoding. Format: base64url("date|base64url(iv+ciphertext)|mac"), the MAC
// covering "name|date|value".
// TODO(double): replace by packages/aegis/src/rotate/securecookie.ts once the production codec lands.
import { createCipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { gobDecodeMap, gobEncodeMap, type GobValue } from './gob.ts'

// gorilla's default codec maximum age (30 days), kept by Kratos for non-persistent cookies (§4.1).
export const defaultMaxAgeSeconds = 86400 * 30

const blockKey = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest()

const ctr = (secret: string, iv: Buffer, data: Uint8Array): Buffer => {
  const cipher = createCipheriv('aes-256-ctr', blockKey(secret), iv)
  return Buffer.concat([cipher.update(data), cipher.final()])
}

// Go's base64.URLEncoding keeps '=' padding; Node's base64url drops it.
const goB64 = (data: Uint8Array | string): string => {
  const raw = Buffer.from(data).toString('base64url')
  return raw + '='.repeat((4 - (raw.length % 4)) % 4)
}

const mac = (secret: string, text: string): Buffer =>
  createHmac('sha256', Buffer.from(secret, 'utf8')).update(text, 'utf8').digest()

export const encodeSecureCookie = (
  name: string,
  values: ReadonlyMap<string, GobValue>,
  secret: string,
  now: Date = new Date(),
): string => {
  const iv = randomBytes(16)
  const encrypted = Buffer.concat([iv, ctr(secret, iv, gobEncodeMap(values))])
  const date = Math.floor(now.getTime() / 1000)
  const signed = `${name}|${date}|${goB64(encrypted)}`
  const body = Buffer.concat([
    Buffer.from(`${date}|${goB64(encrypted)}|`, 'utf8'),
    mac(secret, signed),
  ])
  return goB64(body)
}

const decodeWith = (
  name: string,
  raw: Buffer,
  secret: string,
  maxAgeSeconds: number,
  now: Date,
): Map<string, GobValue> | null => {
  const first = raw.indexOf(0x7c)
  const second = first < 0 ? -1 : raw.indexOf(0x7c, first + 1)
  if (second < 0) return null
  const dateText = raw.subarray(0, first).toString('utf8')
  const valueText = raw.subarray(first + 1, second).toString('utf8')
  const given = raw.subarray(second + 1)
  const expected = mac(secret, `${name}|${dateText}|${valueText}`)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  const date = Number(dateText)
  const age = now.getTime() / 1000 - date
  if (!Number.isFinite(date) || age > maxAgeSeconds || date > now.getTime() / 1000 + 1) return null
  const encrypted = Buffer.from(valueText, 'base64url')
  if (encrypted.length < 16) return null
  try {
    return gobDecodeMap(ctr(secret, encrypted.subarray(0, 16), encrypted.subarray(16)))
  } catch {
    return null
  }
}

/** Decode with each secret in turn (rotation: `[new, old]` keeps old cookies valid, §9). */
export const decodeSecureCookie = (
  name: string,
  value: string,
  secrets: readonly string[],
  options: { maxAgeSeconds?: number; now?: Date } = {},
): Map<string, GobValue> | null => {
  const raw = Buffer.from(value, 'base64url')
  for (const secret of secrets) {
    const out = decodeWith(
      name,
      raw,
      secret,
      options.maxAgeSeconds ?? defaultMaxAgeSeconds,
      options.now ?? new Date(),
    )
    if (out) return out
  }
  return null
}
