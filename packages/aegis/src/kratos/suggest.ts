/**
 * What the author probably meant: the classic mistakes (FACTS.md §2, §11) and near-miss spellings.
 */
import { findNode } from './compile.ts'
import { allKeys } from './keys.ts'
import type { ResolvedNode } from './compile.ts'
import type { KratosVersion } from './types.ts'
import { kratosVersions } from './types.ts'

interface Mistake {
  readonly test: RegExp
  readonly message: string
  readonly suggestion: string
  /** The same advice for an environment variable (a variable is removed, a name is renamed). */
  readonly envSuggestion: string
}

const classic: readonly Mistake[] = [
  {
    test: /^session\.cookie\.(http_?only|httpOnly|http-only)$/i,
    message:
      '`session.cookie.http_only` does not exist: Kratos always sets HttpOnly on the session cookie',
    suggestion: 'Remove the key; HttpOnly is always on and cannot be configured.',
    envSuggestion: 'Remove the variable; HttpOnly is always on and cannot be configured.',
  },
  {
    test: /^self[_-]service$/i,
    message: '`self_service` is not a Kratos key',
    suggestion: 'Did you mean `selfservice`?',
    envSuggestion: 'Did you mean the `SELFSERVICE_` prefix?',
  },
  {
    test: /^secrets\.(session|sessions|system)$/,
    message: 'Kratos has no `secrets.session` or `secrets.system`',
    suggestion:
      'Did you mean `secrets.cookie` (session and continuity cookies, recovery/verification HMACs)?',
    envSuggestion:
      'Did you mean `SECRETS_COOKIE` (`secrets.cookie`: session and continuity cookies, recovery/verification HMACs)?',
  },
  {
    // A name that spelling-distance sends to `session.cookie.secure` or `cookies.secure` (Go
    // booleans): following that advice would put a secret into a switch.
    test: /^(?:session|session\.cookies?|cookies?|secrets\.cookies?)\.\w*secret\w*$/i,
    message: 'Kratos has no session or cookie secret key of that name',
    suggestion:
      'Did you mean `secrets.cookie` (the list of keys that sign and encrypt the session and continuity cookies)?',
    envSuggestion:
      'Did you mean `SECRETS_COOKIE` (`secrets.cookie`: the keys that sign and encrypt the session and continuity cookies)?',
  },
  {
    test: /^serve\.(public|admin)\.tls\.(enabled|enable|allow_termination_from)$/,
    message: "Kratos' schema has no `tls.enabled` or `tls.allow_termination_from`",
    suggestion:
      'Remove it: HTTPS is on exactly when both `tls.cert` and `tls.key` are given (path or base64).',
    envSuggestion:
      'Remove the variable: HTTPS is on exactly when both `tls.cert` and `tls.key` are given (path or base64).',
  },
  {
    test: /^session\.(lifetime|ttl|max_age|expiry|expires_in|idle_timeout|inactivity_timeout)$/,
    message:
      'Kratos has no such session key and no idle timeout: a session ends only at its absolute expiry, on logout or on revocation',
    suggestion: 'Did you mean `session.lifespan` (an absolute lifetime)?',
    envSuggestion: 'Did you mean `SESSION_LIFESPAN` (`session.lifespan`, an absolute lifetime)?',
  },
  {
    test: /^database\.(url|uri|dsn|connection|connection_string)$/,
    message: 'Kratos reads its database connection from the top-level `dsn` only',
    suggestion: 'Did you mean `dsn`?',
    envSuggestion: 'Did you mean `DSN`?',
  },
]

/** The classic mistake a dotted path makes, if it is one (FACTS.md §2, §11). */
export const classicMistake = (
  path: string,
): { message: string; suggestion: string; envSuggestion: string } | undefined =>
  classic.find((m) => m.test.test(path))

export const normalise = (name: string): string => name.toLowerCase().replace(/[-_ ]/g, '')

/** Levenshtein distance. */
const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((row[j - 1] ?? 0) + 1, current + 1, previous + cost)
      previous = current
    }
  }
  return row[b.length] ?? 0
}

/**
 * The candidate the author most likely meant: the nearest within a quarter of the name's length
 * (at least 2 edits), compared after `norm`. Also the did-you-mean for aegis.config.* ids.
 */
export const closest = (
  name: string,
  candidates: readonly string[],
  norm: (text: string) => string = (text) => text,
): string | undefined => {
  const given = norm(name)
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1
  for (const candidate of candidates) {
    const d = distance(given, norm(candidate))
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best
}

/** The sibling the author most likely meant, if one is close. */
const nearest = (name: string, parent: ResolvedNode): string | undefined => {
  const siblings = Object.keys(parent.props ?? {})
  const exact = siblings.find((s) => normalise(s) === normalise(name))
  return exact ?? closest(name, siblings, normalise)
}

/** The versions (other than this one) in which a path exists. */
const otherVersions = (path: string, version: KratosVersion): KratosVersion[] =>
  kratosVersions.filter((v) => v !== version && findNode(path, v) !== undefined)

/** The same key name at another depth of the same top-level section (`session.same_site`). */
const elsewhereInSection = (
  path: string,
  name: string,
  version: KratosVersion,
): string | undefined => {
  const section = path.split('.')[0] ?? ''
  const matches = allKeys(version)
    .map((spec) => spec.path)
    .filter((p) => p.startsWith(`${section}.`) && p.endsWith(`.${name}`) && !/[*#]/.test(p))
  return matches.length === 1 ? matches[0] : undefined
}

export interface UnknownKeyAdvice {
  readonly message: string
  readonly suggestion?: string
}

/** Explains an unknown key at `path` (its parent node given). */
export const adviseUnknownKey = (
  path: string,
  parent: ResolvedNode,
  version: KratosVersion,
): UnknownKeyAdvice => {
  const mistake = classic.find((m) => m.test.test(path))
  if (mistake !== undefined) return { message: mistake.message, suggestion: mistake.suggestion }
  const elsewhere = otherVersions(path, version)
  if (elsewhere.length > 0) {
    return {
      message: `\`${path}\` does not exist in Kratos ${version}; it exists in ${elsewhere.join(', ')}`,
      suggestion: 'Check the Kratos version (`version:`, the image tag or --kratos-version).',
    }
  }
  const name = path.slice(path.lastIndexOf('.') + 1)
  const near = nearest(name, parent)
  const base = { message: `\`${path}\` is not a Kratos ${version} key` }
  if (near !== undefined) return { ...base, suggestion: `Did you mean \`${near}\`?` }
  const moved = elsewhereInSection(path, name, version)
  return moved === undefined ? base : { ...base, suggestion: `Did you mean \`${moved}\`?` }
}
