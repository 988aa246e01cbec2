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

const shannonBits = (value: string): number => {
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let perChar = 0
  for (const n of counts.values()) {
    const p = n / value.length
    perChar -= p * Math.log2(p)
  }
  return perChar * value.length
}

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
 * repeated or dictionary-like text scores low. Random hex of 32 characters scores exactly 128.
 */
export const estimatedBits = (value: string): number =>
  value.length === 0 ? 0 : Math.min(alphabetBits(value), 1.25 * shannonBits(value))
