// Properties of the redactor (fast-check, 200 runs each): a remembered secret in any of its
// encodings, in any surrounding text, never survives; text with no secret in it is unchanged.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KnownValues } from './known-values.ts'
import { REDACTED } from './placeholder.ts'
import { Redactor } from './redactor.ts'

const runs = { numRuns: 200 }

/** One ASCII character of `set` (the sets here are ASCII, so code units are characters). */
const chars = (set: string) => fc.constantFrom(...set.split(''))

const encodings: Readonly<Record<string, (s: string) => string>> = {
  raw: (s) => s,
  base64: (s) => Buffer.from(s, 'utf8').toString('base64'),
  'base64 unpadded': (s) => Buffer.from(s, 'utf8').toString('base64').replace(/=+$/, ''),
  base64url: (s) => Buffer.from(s, 'utf8').toString('base64url'),
  'percent-encoded': (s) => encodeURIComponent(s),
  'form-encoded': (s) => new URLSearchParams({ v: s }).toString().slice(2),
  'JSON-escaped': (s) => JSON.stringify(s).slice(1, -1),
}

// Secrets as people write them: any characters, at least the redactor's minimum length.
const secret = fc.string({ minLength: 8, maxLength: 40, unit: 'grapheme' })
const surrounding = fc.string({ maxLength: 60, unit: 'binary' })

/** A naive reference: mark every occurrence of every value, collapse each covered run. */
const reference = (text: string, values: readonly string[]): string => {
  const covered = new Array<boolean>(text.length).fill(false)
  for (const v of values) {
    for (let at = text.indexOf(v); at !== -1; at = text.indexOf(v, at + 1))
      for (let i = at; i < at + v.length; i++) covered[i] = true
  }
  let out = ''
  for (let i = 0; i < text.length; i++) {
    if (!covered[i]) out += text.charAt(i)
    // Adjacent occurrences merge into one placeholder, as in the matcher.
    else if (i === 0 || !covered[i - 1]) out += REDACTED
  }
  return out
}

describe('redaction properties', () => {
  it('the matcher agrees with a naive scan on overlapping values over a small alphabet', () => {
    const small = fc.string({ minLength: 1, maxLength: 5, unit: fc.constantFrom('a', 'b', 'c') })
    fc.assert(
      fc.property(
        fc.array(small, { maxLength: 6 }),
        fc.string({ maxLength: 40, unit: fc.constantFrom('a', 'b', 'c', 'd') }),
        (values, text) => {
          const k = new KnownValues()
          for (const v of values) k.add(v, REDACTED)
          expect(k.replace(text)).toBe(reference(text, values))
        },
      ),
      runs,
    )
  })

  it('the matcher stays right when values arrive between texts (its prefilter is rebuilt)', () => {
    const small = fc.string({ minLength: 1, maxLength: 5, unit: fc.constantFrom('a', 'b', 'c') })
    const text = fc.string({ maxLength: 40, unit: fc.constantFrom('a', 'b', 'c', 'd') })
    fc.assert(
      fc.property(fc.array(fc.tuple(small, text), { maxLength: 6 }), (steps) => {
        const k = new KnownValues()
        const added: string[] = []
        for (const [value, t] of steps) {
          expect(k.replace(t)).toBe(reference(t, added))
          k.add(value, REDACTED)
          added.push(value)
          expect(k.replace(t)).toBe(reference(t, added))
        }
      }),
      runs,
    )
  })

  for (const [name, encode] of Object.entries(encodings)) {
    it(`a remembered secret, ${name}, is gone from any surrounding text`, () => {
      fc.assert(
        fc.property(
          fc.array(secret, { minLength: 1, maxLength: 3 }),
          surrounding,
          surrounding,
          (secrets, before, after) => {
            const r = new Redactor()
            for (const s of secrets) r.remember(s)
            const target = secrets[0] ?? ''
            const out = r.text(`${before}${encode(target)}${after}`)
            expect(out).not.toContain(encode(target))
          },
        ),
        runs,
      )
    })
  }

  it('a secret base64-encoded inside a longer value loses every group only it determines', () => {
    // Secret bytes are letters and the neighbouring bytes digits, so a group of the secret's
    // encoding cannot come from the neighbours by chance; the text around uses no base64 letters.
    const letters = fc.string({
      minLength: 8,
      maxLength: 40,
      unit: chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    })
    const digits = fc.string({ maxLength: 12, unit: chars('0123456789') })
    const prose = fc.string({ maxLength: 20, unit: fc.constantFrom(' ', ':', ',', '!', '\n') })
    fc.assert(
      fc.property(letters, digits, digits, prose, prose, fc.boolean(), (s, p, q, a, b, url) => {
        const r = new Redactor()
        r.remember(s)
        const blob = Buffer.from(`${p}${s}${q}`).toString(url ? 'base64url' : 'base64')
        const out = r.text(`${a}${blob}${b}`)
        // 4-character groups whose 24 bits all come from the secret.
        const first = Math.ceil(p.length / 3)
        const last = Math.floor((p.length + s.length) / 3)
        // The neighbours' own groups stay, and may hold a secret group's four characters across
        // a group boundary by chance (p 000555700 encodes to MDAwNTU1NzAw, which contains TU1N,
        // the encoding of MMM): only a group that nothing else spells must be gone.
        const neighbours = `${blob.slice(0, first * 4)} ${blob.slice(last * 4)}`
        for (let g = first; g < last; g++) {
          const group = blob.slice(g * 4, g * 4 + 4)
          if (!neighbours.includes(group)) expect(out).not.toContain(group)
        }
      }),
      runs,
    )
  })

  it('text without remembered values or secret shapes comes out unchanged', () => {
    const words = fc.string({
      maxLength: 200,
      unit: chars("abcdefghij klmnopqrstuvwxyz.,;:()'\n-"),
    })
    const upper = fc.string({
      minLength: 8,
      maxLength: 30,
      unit: chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
    })
    fc.assert(
      fc.property(fc.array(upper, { maxLength: 4 }), words, (secrets, text) => {
        const r = new Redactor({ opaque: true })
        for (const s of secrets) r.remember(s)
        expect(r.text(text)).toBe(text)
      }),
      runs,
    )
  })

  it('redacting twice changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(secret, { maxLength: 3 }),
        fc.string({ maxLength: 200 }),
        (secrets, text) => {
          const r = new Redactor()
          for (const s of secrets) r.remember(s)
          const once = r.text(text)
          expect(r.text(once)).toBe(once)
        },
      ),
      runs,
    )
  })
})
