/**
 * Redaction for `aegis config show`: secret keys (the model's `secret: true` keys and secret-named
 * keys), passwords inside URLs (DSNs, SMTP URIs), and token-shaped strings anywhere (CWE-532).
 */
import type { KratosVersion } from '../kratos/types.ts'
import { isSecretKey as isSecretName, MASK, redactInline } from '../report/mask.ts'
import { model } from './model.ts'
import { isRecord, joinPath } from './tree.ts'

const jwt = /\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g
// base64:// carries whole JWKS (private keys) for the session tokenizer (FACTS.md §1.1).
const base64Url = /\bbase64:\/\/[A-Za-z0-9+/=_-]+/g
const passwordParam = /([?&](?:password|pass|pwd|secret|token)=)[^&#\s]+/gi
const urlLike = /^[a-z][a-z0-9+.-]*:\/\//i

export const redactText = (text: string): string =>
  redactInline(text)
    .replace(jwt, MASK)
    .replace(base64Url, `base64://${MASK}`)
    .replace(passwordParam, `$1${MASK}`)

const isSecretPath = (path: string, version: KratosVersion): boolean =>
  model.isSecretKey(path, version) || isSecretName(path)

/** A copy of `value` (found at `path`) safe to print. */
export const redactValue = (path: string, value: unknown, version: KratosVersion): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => redactValue(joinPath(path, i), v, version))
  if (isRecord(value)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(joinPath(path, k), v, version)
    return out
  }
  if (typeof value !== 'string') return value
  if (isSecretPath(path, version)) {
    // A DSN or SMTP URI stays readable with its password masked; anything else is hidden.
    return urlLike.test(value) || value === 'memory' ? redactText(value) : MASK
  }
  return redactText(value)
}
