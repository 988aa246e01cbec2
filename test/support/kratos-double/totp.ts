// RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) so tests can complete an AAL2 step-up.
import { createHmac, randomBytes } from 'node:crypto'

const secrets = new WeakMap<object, Map<string, Buffer>>()

const secretFor = (owner: object, identityId: string): Buffer => {
  let map = secrets.get(owner)
  if (!map) secrets.set(owner, (map = new Map()))
  let secret = map.get(identityId)
  if (!secret) map.set(identityId, (secret = randomBytes(20)))
  return secret
}

export const totpCode = (owner: object, identityId: string, at = Date.now()): string => {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)))
  const mac = createHmac('sha1', secretFor(owner, identityId)).update(counter).digest()
  const offset = (mac[mac.length - 1] ?? 0) & 0xf
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000
  return code.toString().padStart(6, '0')
}

/** Accepts the current and the previous time step (clock skew). */
export const totpValid = (owner: object, identityId: string, code: string): boolean =>
  [0, -30_000].some((skew) => totpCode(owner, identityId, Date.now() + skew) === code)
