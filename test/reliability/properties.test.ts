// Property and fuzz tests (issue 10): the parsers and codecs never crash on arbitrary input and
// round-trip what they produce. Bounded: ~200 runs each, every run fast.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  allKeys,
  castEnvValue,
  envVarToKey,
  formatDuration,
  isSchemaDuration,
  kratosVersions,
  parseDuration,
  parseGoBool,
} from '../../packages/aegis/src/kratos/index.ts'
import { parseSetCookie } from '../../packages/aegis/src/probe/cookies.ts'
import {
  decodeSessionCookie,
  encodeSessionCookie,
} from '../../packages/aegis/src/rotate/securecookie.ts'

const runs = { numRuns: 200 }
// Go durations are int64 nanoseconds, the API carries float seconds: below 2^22 s (~1165h) a
// double still resolves half a nanosecond, so the round-trip is exact there; beyond it, to
// Go's limit (~292 years), it is within a few nanoseconds.
const exactNanos = fc.integer({ min: -4e15, max: 4e15 })
const largeNanos = fc.double({ min: 4e15, max: 9.2e18, noNaN: true }).map(Math.round)
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
)

describe('Go durations', () => {
  it('parseDuration never throws and gives a finite number or null', () => {
    const durationish = fc
      .array(fc.constantFrom('1', '0', '.', '5', '-', '+', 'h', 'm', 's', 'ms', 'us', 'µs', 'ns'))
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.oneof(anyText, durationish), (text) => {
        const v = parseDuration(text)
        expect(v === null || Number.isFinite(v)).toBe(true)
      }),
      runs,
    )
  })

  it('formatDuration output parses back to the same nanoseconds (Go and compact forms)', () => {
    fc.assert(
      fc.property(exactNanos, (n) => {
        const seconds = n / 1e9
        for (const text of [formatDuration(seconds), formatDuration(seconds, { compact: true })]) {
          const back = parseDuration(text)
          expect(back, text).not.toBeNull()
          expect(Math.round((back ?? Number.NaN) * 1e9), text).toBe(n)
        }
        if (n > 0) expect(isSchemaDuration(formatDuration(seconds, { compact: true }))).toBe(true)
      }),
      runs,
    )
  })

  it('long durations (to Go int64 limits) round-trip within float precision', () => {
    fc.assert(
      fc.property(largeNanos, fc.boolean(), (n, negative) => {
        const seconds = (negative ? -n : n) / 1e9
        for (const text of [formatDuration(seconds), formatDuration(seconds, { compact: true })]) {
          const back = parseDuration(text)
          expect(back, text).not.toBeNull()
          expect(Math.abs((back ?? Number.NaN) - seconds), text).toBeLessThanOrEqual(
            Math.abs(seconds) * 1e-12,
          )
        }
      }),
      runs,
    )
  })
})

describe('parseGoBool', () => {
  it('is strconv.ParseBool: total, and String(b) round-trips', () => {
    const accepted = [
      '1',
      't',
      'T',
      'TRUE',
      'true',
      'True',
      '0',
      'f',
      'F',
      'FALSE',
      'false',
      'False',
    ]
    fc.assert(
      fc.property(fc.oneof(anyText, fc.constantFrom(...accepted)), fc.boolean(), (text, b) => {
        const v = parseGoBool(text)
        expect(v === null ? !accepted.includes(text) : accepted.includes(text)).toBe(true)
        expect(parseGoBool(String(b))).toBe(b)
      }),
      runs,
    )
  })
})

describe('environment variables', () => {
  const version = fc.constantFrom(...kratosVersions)

  it('envVarToKey never throws; a schema path spelled as a variable maps back to it', () => {
    fc.assert(
      fc.property(version, anyText, fc.nat(), (v, name, pick) => {
        envVarToKey(name, v)
        const keys = allKeys(v).filter((k) => !/[*#]/.test(k.path))
        const spec = keys[pick % keys.length]
        if (spec === undefined) return
        const envName = spec.path.replace(/\./g, '_').toUpperCase()
        const hit = envVarToKey(envName, v)
        // Kratos compares with `_` and `.` folded together (FACTS.md §3), so only that must agree.
        expect(hit?.path.replace(/_/g, '.'), envName).toBe(spec.path.replace(/_/g, '.'))
      }),
      runs,
    )
  })

  it('castEnvValue never throws for any key; JSON string arrays round-trip', () => {
    fc.assert(
      fc.property(version, anyText, fc.nat(), fc.array(fc.string()), (v, raw, pick, list) => {
        const keys = allKeys(v)
        const spec = keys[pick % keys.length]
        if (spec !== undefined) {
          const r = castEnvValue(raw, spec)
          expect(typeof r.ok).toBe('boolean')
        }
        const cookie = keys.find((k) => k.path === 'secrets.cookie')
        expect(cookie).toBeDefined()
        if (cookie === undefined) return
        const r = castEnvValue(JSON.stringify(list), cookie)
        expect(r.ok && r.value).toEqual(list)
      }),
      runs,
    )
  })
})

describe('Set-Cookie parsing', () => {
  const token = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/)

  it('parseSetCookie never throws on arbitrary headers', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const c = parseSetCookie(raw)
        expect(c.raw).toBe(raw)
      }),
      runs,
    )
  })

  it('attributes written round-trip', () => {
    const attrs = fc.record({
      httpOnly: fc.boolean(),
      secure: fc.boolean(),
      sameSite: fc.option(fc.constantFrom('Lax', 'Strict', 'None'), { nil: undefined }),
      domain: fc.option(fc.domain(), { nil: undefined }),
      path: fc.option(
        token.map((t) => `/${t}`),
        { nil: undefined },
      ),
      maxAge: fc.option(fc.integer({ min: -1e9, max: 1e9 }), { nil: undefined }),
      expires: fc.option(fc.integer({ min: 0, max: 4e12 }), { nil: undefined }),
    })
    fc.assert(
      fc.property(token, token, attrs, (name, value, a) => {
        const parts = [`${name}=${value}`]
        if (a.httpOnly) parts.push('HttpOnly')
        if (a.secure) parts.push('Secure')
        if (a.sameSite !== undefined) parts.push(`SameSite=${a.sameSite}`)
        if (a.domain !== undefined) parts.push(`Domain=.${a.domain}`)
        if (a.path !== undefined) parts.push(`Path=${a.path}`)
        if (a.maxAge !== undefined) parts.push(`Max-Age=${String(a.maxAge)}`)
        const expires = a.expires === undefined ? undefined : new Date(a.expires)
        if (expires !== undefined) parts.push(`Expires=${expires.toUTCString()}`)
        const c = parseSetCookie(parts.join('; '))
        expect(c).toMatchObject({ name, value, httpOnly: a.httpOnly, secure: a.secure })
        expect(c.sameSite).toBe(a.sameSite)
        expect(c.domain).toBe(a.domain)
        expect(c.path).toBe(a.path)
        expect(c.maxAge).toBe(a.maxAge)
        // toUTCString keeps whole seconds only.
        const seconds = expires === undefined ? undefined : Math.floor(expires.getTime() / 1000)
        expect(c.expires === undefined ? undefined : c.expires.getTime() / 1000).toBe(seconds)
      }),
      runs,
    )
  })
})

describe('session cookie codec (gorilla/securecookie)', () => {
  const name = fc.constantFrom('ory_kratos_session', '__Host-session', 'kratos')
  const secret = fc.string({ minLength: 1, maxLength: 64 })
  const values = fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), {
    maxKeys: 4,
  })
  const now = new Date('2026-11-27T00:00:00Z')

  it('decodes what it encodes, with the secret that encoded it', () => {
    fc.assert(
      fc.property(name, secret, secret, values, (n, s, other, v) => {
        const cookie = encodeSessionCookie({ name: n, secret: s, values: v, now })
        const r = decodeSessionCookie({ name: n, value: cookie, secrets: [other, s], now })
        expect(r.ok).toBe(true)
        if (!r.ok) return
        expect(r.values).toEqual(v)
        expect(r.secretIndex).toBe(other === s ? 0 : 1)
      }),
      runs,
    )
  })

  it('rejects any single bit flipped in the envelope', () => {
    fc.assert(
      fc.property(name, secret, values, fc.nat(), fc.nat({ max: 7 }), (n, s, v, at, bit) => {
        const cookie = encodeSessionCookie({ name: n, secret: s, values: v, now })
        const bytes = Buffer.from(cookie, 'base64url')
        const i = at % bytes.length
        bytes[i] = (bytes[i] ?? 0) ^ (1 << bit)
        const padded = bytes.toString('base64url').padEnd(Math.ceil(bytes.length / 3) * 4, '=')
        const r = decodeSessionCookie({ name: n, value: padded, secrets: [s], now })
        expect(r.ok, `byte ${String(i)} bit ${String(bit)}`).toBe(false)
      }),
      runs,
    )
  })
})
