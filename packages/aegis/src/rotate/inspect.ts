/**
 * `aegis cookie inspect`: decode a Kratos session cookie with the deployment's secrets and show
 * what it holds, never the token itself (the token is the session: FACTS.md §5.1, §5.2).
 */
import { redactedWith } from '../redact/placeholder.ts'
import { formatAge } from './durations.ts'
import { decodeSessionCookie, type DecodeResult } from './securecookie.ts'

export interface CookieArg {
  readonly name: string | null
  readonly value: string
}

/**
 * Accepts `name=value` (as copied from a Cookie header or devtools) or the bare value. A bare
 * value can end in `=` padding, so only a `=` followed by more than padding splits a name off.
 */
export const parseCookieArg = (text: string): CookieArg => {
  const trimmed = text
    .trim()
    .replace(/^cookie:\s*/i, '')
    .replace(/;$/, '')
  const m = /^([A-Za-z0-9_.-]+)=(.*[^=].*)$/.exec(trimmed)
  if (m?.[1] !== undefined && m[2] !== undefined)
    return { name: m[1], value: m[2].replace(/^"|"$/g, '') }
  return { name: null, value: trimmed }
}

/** `ory_st_[redacted: 39 chars]`: the prefix tells the kind of token, the rest stays hidden. */
export const redactToken = (value: string): string => {
  const prefix = /^ory_[a-z]{2,3}_/.exec(value)?.[0] ?? ''
  return `${prefix}${redactedWith(`${value.length} chars`)}`
}

/** Keys Kratos writes that carry no secret (manager_http.go `IssueCookie`). */
const shownKeys = new Set(['expires_at', 'nonce'])

export interface InspectInput {
  readonly name: string
  readonly value: string
  readonly secrets: readonly string[]
  readonly secretsKey: string
  readonly maxAgeSeconds: number
  readonly now: Date
}

export interface Inspection {
  readonly name: string
  readonly result: DecodeResult
  readonly fields: readonly { readonly key: string; readonly shown: string }[]
  readonly issued: string | null
  readonly envelopeValidUntil: string | null
  readonly secretLabel: string | null
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString()

export const inspectCookie = (input: InspectInput): Inspection => {
  const result = decodeSessionCookie({
    name: input.name,
    value: input.value,
    secrets: input.secrets,
    now: input.now,
    maxAgeSeconds: input.maxAgeSeconds,
  })
  const label = (i: number): string => `${input.secretsKey}[${i}] (of ${input.secrets.length})`
  if (!result.ok) {
    const secretLabel = result.secretIndex === undefined ? null : label(result.secretIndex)
    return {
      name: input.name,
      result,
      fields: [],
      issued: null,
      envelopeValidUntil: null,
      secretLabel,
    }
  }
  const fields = Object.entries(result.values).map(([key, v]) => ({
    key,
    shown: shownKeys.has(key) ? v : redactToken(v),
  }))
  const validUntil = input.maxAgeSeconds === 0 ? null : iso(result.issuedAt + input.maxAgeSeconds)
  return {
    name: input.name,
    result,
    fields,
    issued: iso(result.issuedAt),
    envelopeValidUntil: validUntil,
    secretLabel: label(result.secretIndex),
  }
}

export const renderInspection = (x: Inspection, maxAgeSeconds: number): string => {
  const rows: [string, string][] = [['cookie', x.name]]
  if (!x.result.ok) {
    rows.push(['result', `not decodable: ${x.result.message} (${x.result.reason})`])
    if (x.secretLabel !== null) rows.push(['verified by', x.secretLabel])
  } else {
    rows.push(['decoded by', x.secretLabel ?? ''], ['issued', x.issued ?? ''])
    const age = maxAgeSeconds === 0 ? 'no limit' : formatAge(maxAgeSeconds)
    rows.push([
      'codec max age',
      `${age}${x.envelopeValidUntil ? ` (until ${x.envelopeValidUntil})` : ''}`,
    ])
    for (const f of x.fields) rows.push([f.key, f.shown])
  }
  const width = Math.max(...rows.map(([k]) => k.length))
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n'
}

/** JSON form with the same redaction as the text form. */
export const inspectionJson = (x: Inspection): Record<string, unknown> => ({
  cookie: x.name,
  decoded: x.result.ok,
  ...(x.result.ok ? {} : { reason: x.result.reason, message: x.result.message }),
  secret: x.secretLabel,
  issuedAt: x.issued,
  envelopeValidUntil: x.envelopeValidUntil,
  values: Object.fromEntries(x.fields.map((f) => [f.key, f.shown])),
})
