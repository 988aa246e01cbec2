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

/** Characters every encoding below leaves as they are: such a value is its own URL and JSON form. */
const unreserved = /^[A-Za-z0-9_.-]*$/

const toUrlAlphabet = (b64: string): string =>
  b64.includes('+') || b64.includes('/') ? b64.replace(/\+/g, '-').replace(/\//g, '_') : b64

/** Characters form encoding escapes and encodeURIComponent does not (or writes otherwise). */
const formOnly = /[ !'()~]/

/** A surrogate without its pair: encodeURIComponent throws on one, form encoding writes U+FFFD. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Every form of `value` worth hiding, the value itself first. */
export const encodedForms = (value: string): string[] => {
  const forms = new Set([value])
  if (!unreserved.test(value)) {
    forms.add(encodeURIComponent(value.replace(loneSurrogate, '\uFFFD')))
    // application/x-www-form-urlencoded writes spaces as `+` and also escapes `!'()~`; without
    // those it is encodeURIComponent's form.
    if (formOnly.test(value)) forms.add(new URLSearchParams({ v: value }).toString().slice(2))
    forms.add(JSON.stringify(value).slice(1, -1))
  }
  // The value's bytes after two zero bytes: offset o encodes from 2 - o, one buffer for all three.
  const length = Buffer.byteLength(value, 'utf8')
  const padded = Buffer.alloc(length + 2)
  padded.write(value, 2, 'utf8')
  for (let offset = 0; offset < 3; offset++) {
    const encoded = padded.toString('base64', 2 - offset)
    if (offset === 0) {
      // The whole encoding, for a value encoded alone: its last group holds the last one or two
      // bytes, which a core leaves out. Unpadded, so `=` or none after it both match.
      const unpadded = encoded.replace(/=+$/, '')
      forms.add(unpadded).add(toUrlAlphabet(unpadded))
    }
    // The core: skip the group the unknown bytes before the secret share, and the last partial
    // group, which depends on the bytes after it.
    const last = Math.floor((offset + length) / 3) * 4
    const core = encoded.slice(offset === 0 ? 0 : 4, last)
    if (core.length >= minCoreLength) forms.add(core).add(toUrlAlphabet(core))
  }
  forms.delete('')
  return [...forms]
}
