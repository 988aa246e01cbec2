/**
 * The forms in which a secret can appear in text other than itself: Kubernetes Secret `data`
 * and basic-auth headers carry base64, cookies and JWT parts base64url, URLs and form bodies
 * percent-encoding, JSON output escapes (CWE-532: a leak in any encoding is still a leak).
 *
 * Base64 of a secret embedded in a longer value depends on its byte offset modulo 3, so for each
 * offset we keep the part of the encoding that only the secret's bytes determine (the "core"):
 * whatever surrounds the secret, the encoded text contains one of these cores.
 */

/** Cores shorter than this are skipped: they would match unrelated base64 text by chance. */
const minCoreLength = 8

const cores = (bytes: Buffer, alphabet: 'base64' | 'base64url'): string[] => {
  const out: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes])
    const encoded = padded.toString(alphabet)
    // Skip the group the unknown bytes before the secret share, and the last partial group,
    // which depends on the bytes after it.
    const first = offset === 0 ? 0 : 4
    const last = Math.floor(padded.length / 3) * 4
    const core = encoded.slice(first, last)
    if (core.length >= minCoreLength) out.push(core)
  }
  return out
}

const jsonEscaped = (value: string): string => JSON.stringify(value).slice(1, -1)

/** Every form of `value` worth hiding, the value itself first. */
export const encodedForms = (value: string): string[] => {
  const bytes = Buffer.from(value, 'utf8')
  const b64 = bytes.toString('base64')
  const forms = [
    value,
    b64,
    b64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    encodeURIComponent(value),
    // application/x-www-form-urlencoded writes spaces as `+` and also escapes `!'()*`.
    new URLSearchParams({ v: value }).toString().slice(2),
    jsonEscaped(value),
    ...cores(bytes, 'base64'),
    ...cores(bytes, 'base64url'),
  ]
  return [...new Set(forms)].filter((f) => f.length > 0)
}
