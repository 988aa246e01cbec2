/**
 * Kratos' session cookie envelope: gorilla/securecookie as Kratos configures it (FACTS.md §4.1, §9).
 *
 * Written from gorilla/securecookie securecookie.go (`Encode`, `Decode`, `encrypt`, `decrypt`,
 * `New`) and gorilla/sessions `CookieStore` (`EncodeMulti`/`DecodeMulti` over `CodecsFromPairs`):
 *
 *   value  = base64url( AES-256-CTR(IV ‖ ciphertext) of gob(map{session_token, expires_at, nonce}) )
 *   mac    = HMAC-SHA256(key = secret, "name|date|value")          date = unix seconds, decimal
 *   cookie = base64url( "date|value|mac" )                           (padded URL alphabet)
 *
 * Kratos turns every `secrets.cookie` entry (else `secrets.default`) into the pair
 * (hash key = secret, block key = SHA-256(secret)) (ory/kratos driver/registry_default.go
 * `CookieManager`); gorilla encodes with the first pair and decodes with each pair in order.
 * No code was copied; the format was re-implemented from the sources named.
 */
import { createCipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { decodeGob, encodeStringMap, gobMapToRecord } from './gob.ts'

/** gorilla `New`: MaxAge 86400*30, MaxLength 4096. */
export const DEFAULT_MAX_AGE_SECONDS = 86_400 * 30
export const MAX_COOKIE_LENGTH = 4096

export type SessionValues = Readonly<Record<string, string>>

export interface EncodeOptions {
  /** Cookie name; it is part of the MAC, so a cookie only decodes under its own name. */
  readonly name: string
  /** The first `secrets.cookie` entry. */
  readonly secret: string
  readonly values: SessionValues
  /** Issuance time written into the envelope (default now). */
  readonly now?: Date
  /** Fixed IV, for test vectors only; gorilla draws 16 random bytes per cookie. */
  readonly iv?: Uint8Array
}

export interface DecodeOptions {
  readonly name: string
  readonly value: string
  /** Every configured secret, first one first, as Kratos tries them. */
  readonly secrets: readonly string[]
  readonly now?: Date
  /**
   * The codec's maximum age: the session lifespan when `session.cookie.persistent` is true, else
   * gorilla's 30-day default (FACTS.md §4.1). 0 means no limit, as in gorilla.
   */
  readonly maxAgeSeconds?: number
}

export type DecodeFailure =
  | 'too-long'
  | 'not-base64'
  | 'mac-invalid'
  | 'timestamp-invalid'
  | 'expired'
  | 'decrypt-failed'
  | 'payload-invalid'

export type DecodeResult =
  | {
      readonly ok: true
      readonly values: SessionValues
      /** Index into `secrets` of the secret that verified and decrypted the cookie. */
      readonly secretIndex: number
      /** The envelope's timestamp (seconds since the epoch). */
      readonly issuedAt: number
    }
  | {
      readonly ok: false
      readonly reason: DecodeFailure
      /** The secret whose MAC matched, when one did (then `reason` is what failed after it). */
      readonly secretIndex?: number
      readonly message: string
    }

const b64 = (data: Uint8Array): string => Buffer.from(data).toString('base64url') + pad(data.length)
const pad = (n: number): string => '='.repeat((3 - (n % 3)) % 3)

/** Go `base64.URLEncoding.Decode`: padded URL alphabet, strict. */
const unb64 = (text: string): Uint8Array | null =>
  text.length % 4 === 0 && /^[A-Za-z0-9_-]*={0,2}$/.test(text)
    ? new Uint8Array(Buffer.from(text, 'base64url'))
    : null

const blockKey = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest()
const mac = (secret: string, message: Uint8Array): Buffer =>
  createHmac('sha256', Buffer.from(secret, 'utf8')).update(message).digest()

/** AES-CTR over the whole 128-bit IV as a big-endian counter, as Go's `cipher.NewCTR`. */
const ctr = (key: Buffer, iv: Uint8Array, data: Uint8Array): Buffer => {
  const c = createCipheriv('aes-256-ctr', key, iv)
  return Buffer.concat([c.update(data), c.final()])
}

const unixSeconds = (d: Date): number => Math.floor(d.getTime() / 1000)

export const encodeSessionCookie = (options: EncodeOptions): string => {
  const iv = options.iv ?? randomBytes(16)
  if (iv.length !== 16) throw new RangeError('the IV must be 16 bytes (the AES block size)')
  const plain = encodeStringMap(options.values)
  const value = b64(Buffer.concat([iv, ctr(blockKey(options.secret), iv, plain)]))
  const date = unixSeconds(options.now ?? new Date())
  const signed = Buffer.from(`${options.name}|${date}|${value}`, 'utf8')
  const body = Buffer.concat([Buffer.from(`${date}|${value}|`), mac(options.secret, signed)])
  const cookie = b64(body)
  // gorilla refuses to emit a value longer than MaxLength (errEncodedValueTooLong).
  if (cookie.length > MAX_COOKIE_LENGTH) throw new RangeError('the encoded cookie is too long')
  return cookie
}

interface Envelope {
  readonly date: Uint8Array
  readonly value: Uint8Array
  readonly mac: Uint8Array
  readonly signed: Buffer
}

/** Splits "date|value|mac" at the first two pipes (`bytes.SplitN(b, "|", 3)`). */
const envelope = (name: string, raw: Uint8Array): Envelope | null => {
  const first = raw.indexOf(0x7c)
  const second = first < 0 ? -1 : raw.indexOf(0x7c, first + 1)
  if (second < 0) return null
  const signedPart = raw.subarray(0, second)
  return {
    date: raw.subarray(0, first),
    value: raw.subarray(first + 1, second),
    mac: raw.subarray(second + 1),
    signed: Buffer.concat([Buffer.from(`${name}|`, 'utf8'), signedPart]),
  }
}

const macMatches = (secret: string, env: Envelope): boolean => {
  const expected = mac(secret, env.signed)
  return env.mac.length === expected.length && timingSafeEqual(env.mac, expected)
}

const fail = (reason: DecodeFailure, message: string, secretIndex?: number): DecodeResult =>
  secretIndex === undefined
    ? { ok: false, reason, message }
    : { ok: false, reason, message, secretIndex }

/** The steps after a MAC matched, in gorilla's order: timestamp, decrypt, deserialize. */
const openWith = (secret: string, index: number, env: Envelope, o: DecodeOptions): DecodeResult => {
  const dateText = Buffer.from(env.date).toString('latin1')
  if (!/^[+-]?\d{1,19}$/.test(dateText))
    return fail('timestamp-invalid', 'invalid timestamp', index)
  const issuedAt = Number(dateText)
  const maxAge = o.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS
  if (maxAge !== 0 && issuedAt < unixSeconds(o.now ?? new Date()) - maxAge) {
    return fail('expired', 'expired timestamp', index)
  }
  const sealed = unb64(Buffer.from(env.value).toString('latin1'))
  if (sealed === null) return fail('not-base64', 'the encrypted value is not base64url', index)
  if (sealed.length <= 16) return fail('decrypt-failed', 'the value could not be decrypted', index)
  const plain = ctr(blockKey(secret), sealed.subarray(0, 16), sealed.subarray(16))
  try {
    return { ok: true, values: gobMapToRecord(decodeGob(plain)), secretIndex: index, issuedAt }
  } catch {
    return fail('payload-invalid', 'the decrypted value is not a gob-encoded map', index)
  }
}

/**
 * gorilla `DecodeMulti` over Kratos' codecs: each secret is tried in order and the first that
 * verifies, is fresh enough, decrypts and deserializes wins.
 */
export const decodeSessionCookie = (options: DecodeOptions): DecodeResult => {
  if (options.value.length > MAX_COOKIE_LENGTH) return fail('too-long', 'the value is too long')
  const raw = unb64(options.value)
  if (raw === null) return fail('not-base64', 'the cookie value is not base64url')
  const env = envelope(options.name, raw)
  if (env === null) return fail('mac-invalid', 'the value is not valid')
  let firstFailure: DecodeResult | null = null
  for (const [index, secret] of options.secrets.entries()) {
    if (!macMatches(secret, env)) continue
    const result = openWith(secret, index, env, options)
    if (result.ok) return result
    firstFailure ??= result
  }
  return firstFailure ?? fail('mac-invalid', 'no configured secret verifies this cookie')
}
