/**
 * Rotation as Kratos needs it (FACTS.md §9): the new secret goes first (it signs and encrypts),
 * the old ones stay behind it (they still verify and decrypt), and an old one is dropped only when
 * nothing it protected can still be alive. Pure: time, randomness and the state come in as data.
 */
import { randomBytes } from 'node:crypto'
import type { Purpose } from './secret-sources.ts'
import { fingerprint, type RotationState, type SecretRecord } from './state.ts'

/** URL-safe, no comma (a CSV env value would split on it, FACTS.md §3), no quote to escape. */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * A new secret from the CSPRNG. 64 symbols = 6 bits each, drawn without modulo bias (256 is a
 * multiple of 64). `cipher` must be exactly 32 characters (schema minLength = maxLength = 32,
 * FACTS.md §1.3): 192 bits. Other purposes get 48 characters (288 bits); ASVS 5.0 11.2.3 asks
 * for at least 128. A leading `-` (read as a flag by shells and CLIs) or an all-digit value (JSON
 * would decode it as a number, FACTS.md §3) is redrawn.
 */
export const generateSecret = (
  purpose: Purpose,
  length = purpose === 'cipher' ? 32 : 48,
): string => {
  for (;;) {
    const text = Array.from(randomBytes(length), (b) => alphabet[b & 63]).join('')
    if (!text.startsWith('-') && !/^\d+$/.test(text)) return text
  }
}

export interface PlanInput {
  readonly purpose: Purpose
  readonly current: readonly string[]
  readonly records: readonly SecretRecord[]
  readonly now: Date
  /** How long a demoted secret must stay; null = never prune (see retention.ts). */
  readonly retentionSeconds: number | null
  readonly newSecret: string
}

export interface PrunedSecret {
  readonly fingerprint: string
  readonly leftFirstAt: string
}

export interface RotationPlan {
  readonly secrets: readonly string[]
  readonly records: readonly SecretRecord[]
  readonly pruned: readonly PrunedSecret[]
  /** Old secrets kept, with the time each may be pruned (null: never automatically). */
  readonly kept: readonly { readonly fingerprint: string; readonly prunableAt: string | null }[]
}

const iso = (d: Date): string => d.toISOString()

/**
 * Brings the records in line with the list as it is now. A secret first seen behind first place
 * is treated as demoted now: the tool cannot know when it stopped signing, so it assumes the
 * latest possible moment (never prunes early). A first secret the state does not know about
 * entered first place at an unknown time, so its age is unknown and `--check` says so.
 */
export const reconcile = (
  current: readonly string[],
  records: readonly SecretRecord[],
  now: Date,
): SecretRecord[] =>
  current.map((secret, index) => {
    const fp = fingerprint(secret)
    const known = records.find((r) => r.fingerprint === fp)
    const base: SecretRecord = known ?? { fingerprint: fp, firstSeenAt: iso(now) }
    if (index === 0) return base
    return base.leftFirstAt === undefined ? { ...base, leftFirstAt: iso(now) } : base
  })

const prunableAt = (r: SecretRecord, retention: number | null): Date | null =>
  retention === null || r.leftFirstAt === undefined
    ? null
    : new Date(Date.parse(r.leftFirstAt) + retention * 1000)

export const planRotation = (input: PlanInput): RotationPlan => {
  const now = iso(input.now)
  const known = reconcile(input.current, input.records, input.now)
  const demoted = known.map((r, i) =>
    i === 0 && r.leftFirstAt === undefined ? { ...r, leftFirstAt: now } : r,
  )
  const fresh: SecretRecord = {
    fingerprint: fingerprint(input.newSecret),
    firstSeenAt: now,
    enteredFirstAt: now,
  }
  const keep: boolean[] = demoted.map((r) => {
    const at = prunableAt(r, input.retentionSeconds)
    return at === null || at.getTime() > input.now.getTime()
  })
  return {
    secrets: [input.newSecret, ...input.current.filter((_, i) => keep[i])],
    records: [fresh, ...demoted.filter((_, i) => keep[i])],
    pruned: demoted.flatMap((r, i) =>
      keep[i] ? [] : [{ fingerprint: r.fingerprint, leftFirstAt: r.leftFirstAt ?? now }],
    ),
    kept: demoted.flatMap((r, i) => {
      if (!keep[i]) return []
      const at = prunableAt(r, input.retentionSeconds)
      return [{ fingerprint: r.fingerprint, prunableAt: at === null ? null : iso(at) }]
    }),
  }
}

export interface CheckResult {
  /** Seconds since the current first secret entered first place; null when unknown. */
  readonly newestAgeSeconds: number | null
  readonly stale: boolean
  readonly prunable: readonly string[]
}

export const checkRotation = (
  current: readonly string[],
  records: readonly SecretRecord[],
  now: Date,
  maxAgeSeconds: number,
  retentionSeconds: number | null,
): CheckResult => {
  const first = current[0]
  const record =
    first === undefined ? undefined : records.find((r) => r.fingerprint === fingerprint(first))
  const entered = record?.enteredFirstAt
  const age = entered === undefined ? null : (now.getTime() - Date.parse(entered)) / 1000
  const prunable = current.slice(1).flatMap((s) => {
    const r = records.find((x) => x.fingerprint === fingerprint(s))
    const at = r === undefined ? null : prunableAt(r, retentionSeconds)
    return at !== null && at.getTime() <= now.getTime() ? [fingerprint(s)] : []
  })
  return { newestAgeSeconds: age, stale: age === null || age > maxAgeSeconds, prunable }
}

export const withPurpose = (
  state: RotationState,
  purpose: Purpose,
  records: readonly SecretRecord[],
): RotationState => ({
  version: 1,
  purposes: { ...state.purposes, [purpose]: records },
})
