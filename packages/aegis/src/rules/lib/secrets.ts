/** Secret entries as rules see them: purpose, position and value, never printed. */
import type { ConfigView } from '../../config/types.ts'

export const secretPurposes = ['default', 'cookie', 'cipher', 'pagination'] as const
export type SecretPurpose = (typeof secretPurposes)[number]

export interface SecretItem {
  readonly purpose: SecretPurpose
  readonly key: string
  readonly index: number
  readonly value: string
}

/** Items by purpose, per view: five rules ask for the same lists of the same (immutable) view. */
const itemsByView = new WeakMap<ConfigView, Map<SecretPurpose, readonly SecretItem[]>>()

const itemsOf = (view: ConfigView, purpose: SecretPurpose): readonly SecretItem[] => {
  let byPurpose = itemsByView.get(view)
  if (byPurpose === undefined) {
    byPurpose = new Map()
    itemsByView.set(view, byPurpose)
  }
  let items = byPurpose.get(purpose)
  if (items === undefined) {
    const found: SecretItem[] = []
    const key = `secrets.${purpose}`
    const value = view.isExternal(key) ? undefined : view.get(key)
    if (Array.isArray(value)) {
      value.forEach((v: unknown, index) => {
        if (typeof v === 'string') found.push({ purpose, key, index, value: v })
      })
    }
    items = found
    byPurpose.set(purpose, items)
  }
  return items
}

/** Known values; external ones (secretKeyRef, env named but not given) are not listed. */
export const secretItems = (
  view: ConfigView,
  purposes: readonly SecretPurpose[] = secretPurposes,
): SecretItem[] => {
  const out: SecretItem[] = []
  for (const purpose of purposes) out.push(...itemsOf(view, purpose))
  return out
}

/**
 * Shannon entropy of the sequence, in bits. Symbols are numbers (a Map of them is several times
 * cheaper than one of short strings: secret-too-weak took 38 µs a secret with strings).
 */
const shannonBits = (symbols: readonly number[]): number => {
  const counts = new Map<number, number>()
  for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1)
  const total = symbols.length
  let perSymbol = 0
  for (const n of counts.values()) {
    const p = n / total
    perSymbol -= p * Math.log2(p)
  }
  return perSymbol * total
}

/** The code points of `value` (a lone surrogate as itself), as numbers. */
const codePoints = (value: string): number[] => {
  const out: number[] = []
  for (let i = 0; i < value.length; i++) {
    const c = value.codePointAt(i) ?? 0
    out.push(c)
    if (c > 0xffff) i++
  }
  return out
}

/** US QWERTY rows, unshifted and shifted, for keyboard walks (`qwerty…`, `1qaz2wsx…`, `!@#$…`). */
const keyboardRows = [
  ['`1234567890-=', '~!@#$%^&*()_+'],
  ['qwertyuiop[]\\', 'QWERTYUIOP{}|'],
  ["asdfghjkl;'", 'ASDFGHJKL:"'],
  ['zxcvbnm,./', 'ZXCVBNM<>?'],
] as const
/** Each ASCII key's row * 32 + column (columns stay below 16), or -1: no key. */
const keyAt = new Array<number>(128).fill(-1)
keyboardRows.forEach((pair, row) => {
  // The rows are ASCII: one code unit per key.
  for (const keys of pair) {
    for (let col = 0; col < keys.length; col++) keyAt[keys.charCodeAt(col)] = row * 32 + col
  }
})

/**
 * Steps between neighbours, as character-code differences and as moves on the keyboard. A
 * sequence (`0123…`, `abcd…`) repeats one code step, a keyboard walk one key move, so either
 * series has little entropy although every character differs; random text spreads both.
 */
const codeSteps = (value: string): number[] => {
  const out: number[] = []
  for (let i = 1; i < value.length; i++) out.push(value.charCodeAt(i) - value.charCodeAt(i - 1))
  return out
}

/** A key move as one number (rows and columns differ by less than 16), or 1024 + the code unit. */
const keySteps = (value: string): number[] => {
  const out: number[] = []
  let a = keyAt[value.charCodeAt(0)] ?? -1
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i)
    const b = keyAt[c] ?? -1
    // (row, column) differences, each offset by 16: the same move is the same number.
    out.push(a !== -1 && b !== -1 ? b - a + 16 * 32 + 16 : 1024 + c)
    a = b
  }
  return out
}

/** Entropy of n-1 steps, scaled to n characters. */
const stepBits = (steps: readonly number[], length: number): number =>
  (shannonBits(steps) * length) / Math.max(1, length - 1)

const alphabetBits = (value: string): number => {
  if (/^[0-9a-f]+$/i.test(value)) return value.length * 4
  let size = 0
  if (/[a-z]/.test(value)) size += 26
  if (/[A-Z]/.test(value)) size += 26
  if (/[0-9]/.test(value)) size += 10
  if (/[^a-zA-Z0-9]/.test(value)) size += 33
  return value.length * Math.log2(Math.max(size, 2))
}

/**
 * Estimated entropy in bits: the alphabet bound (length × log2 of the character classes used;
 * hex counts 4 bits a character), capped by 1.25 × the Shannon entropy of the string itself so
 * repeated or dictionary-like text scores low, and by 1.25 × the entropy of its steps so
 * sequences and keyboard walks score low too (`0123456789abcdef…` ≈ 21 bits, QA L10). Random
 * hex of 32 characters scores exactly 128; the step bounds stay above 128 for it (lowest of
 * 20,000 random `openssl rand -hex 16` values: 132 bits by code steps, 134 by key moves).
 */
export const estimatedBits = (value: string): number =>
  value.length === 0
    ? 0
    : Math.min(
        alphabetBits(value),
        1.25 * shannonBits(codePoints(value)),
        1.25 * stepBits(codeSteps(value), value.length),
        1.25 * stepBits(keySteps(value), value.length),
      )

/**
 * What `secrets.cipher` protects in this configuration. Kratos reads it only through its cipher
 * (`driver/registry_default.go` Cipher; `cipher/aes.go`, `cipher/chacha20.go`), whose only users
 * are the OIDC state parameter and the OIDC tokens kept in credentials
 * (`selfservice/strategy/oidc/state.go`, `strategy.go`, `identity/identity.go`; the same six calls
 * in v1.3.1, v26.2.0 and HEAD). With `noop` no key is read at all (FACTS.md §1.4, §9).
 */
export const cipherUse = (view: ConfigView): 'noop' | 'no-oidc' | 'oidc' => {
  const algorithm = view.get('ciphers.algorithm')
  if (
    algorithm !== 'aes' &&
    algorithm !== 'xchacha20-poly1305' &&
    !view.isExternal('ciphers.algorithm')
  )
    return 'noop'
  return view.get('selfservice.methods.oidc.enabled') === true ? 'oidc' : 'no-oidc'
}

/**
 * `secrets.default` is read only as the fallback for an unset `secrets.cookie` (`SecretsSession`
 * in `driver/config/config.go`; no other caller in v1.3.1, v26.2.0 or HEAD, FACTS.md §1.3).
 */
export const defaultIsFallbackOnly = (view: ConfigView): boolean => {
  if (view.isExternal('secrets.cookie')) return true
  const cookie = view.get('secrets.cookie')
  return Array.isArray(cookie) && cookie.length > 0
}
