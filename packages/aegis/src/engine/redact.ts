/**
 * A last line of defence: rules are written never to put a secret into a message (tested), and
 * the runner still masks every secret-bearing value of the view before a message leaves the
 * engine. Values shorter than 8 characters are left alone: masking a DSN password such as
 * `secret` would mangle every "secrets.cookie" in the prose, and no rule quotes such values.
 */
import type { ConfigView } from '../config/types.ts'

const minLength = 8

const secretPath = /^secrets\.|^dsn$|connection_uri$|password|token|client_secret|(^|\.)key$/i

/** Strings that count as secret, plus the password part of any URL-shaped value. */
export const secretValues = (view: ConfigView): readonly string[] => {
  const out = new Set<string>()
  const add = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= minLength) out.add(value)
    if (Array.isArray(value)) value.forEach(add)
  }
  for (const entry of view.entries()) {
    if (secretPath.test(entry.path)) add(entry.value)
    if (typeof entry.value === 'string') {
      const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/i.exec(entry.value)?.[1]
      if (password !== undefined) add(password)
    }
  }
  for (const [name, raw] of Object.entries(view.rawEnv)) {
    if (/SECRET|PASSWORD|TOKEN|DSN|KEY/i.test(name)) add(raw.value)
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...out].sort((a, b) => b.length - a.length)
}

export const redact = (text: string, secrets: readonly string[]): string =>
  secrets.reduce((acc, s) => (acc.includes(s) ? acc.split(s).join('[redacted]') : acc), text)
