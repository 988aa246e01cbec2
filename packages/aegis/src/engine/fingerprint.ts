/**
 * A stable, short identity for a finding: rule + key + a hash of the value. The value itself is
 * never part of the output, only its SHA-256 inside another hash, so a secret cannot be read
 * back from a baseline or a SARIF file (CWE-532). Lines are not part of it: moving a key keeps it.
 */
import { hash } from 'node:crypto'

// One-shot hashing (Node ≥ 20.12) skips the Hash object createHash builds for every call.
const sha256 = (text: string): string => hash('sha256', text, 'hex')

/** JSON with sorted object keys, so equal values hash equally whatever their key order. */
const stable = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`
  }
  return value === undefined ? 'undefined' : JSON.stringify(value)
}

export const fingerprint = (ruleId: string, key: string, value: unknown): string =>
  sha256(`${ruleId}\u0000${key}\u0000${sha256(stable(value))}`).slice(0, 16)
