/**
 * Kratos' environment-variable mapping (FACTS.md §3): no prefix; the name is lowercased and every
 * `_` becomes `.`, then compared with each schema path whose `_` also became `.`; `#` array
 * placeholders match numeric segments (`SECRETS_COOKIE_0`). Values are cast by the key's type.
 */
import { compile, type ResolvedNode } from './compile.ts'
import { parseCsvLine, parseGoBool, parseGoFloat, parseGoInt } from './go-values.ts'
import type { KeySpec, KratosVersion } from './types.ts'

/**
 * The first schema path in model order that the dotted name spells, as Kratos' loader takes the
 * first matching path. The compiled model is walked in that order (a key before its children,
 * children in model order, array items last), following only keys whose own name (`_` read as
 * `.`) matches the next segments; `#` takes any ASCII-digit segment. Map entries (`*`) are
 * user-named: the loader lists no schema path for them. Each model node is reached at one
 * position only, so a lookup touches at most the model once, and nothing is built per version:
 * matching one regular expression per key cost a regex compile per key on the first lookup
 * (about 1,150 of them, most of the audit's start-up), and an index of every path about 10 ms.
 */
/** An array index segment in a variable's name (`SECRETS_COOKIE_0`). */
export const digits = /^\d+$/

interface Match {
  readonly path: string
  /** The numeric segments taken by `#`, in path order. */
  readonly indices: readonly string[]
}

const search = (
  node: ResolvedNode,
  segments: readonly string[],
  at: number,
  indices: readonly string[],
): Match | undefined => {
  if (at === segments.length) return { path: node.path, indices }
  for (const [name, child] of Object.entries(node.props ?? {})) {
    const parts = name.split(/[._]/)
    if (parts.some((part, i) => segments[at + i] !== part)) continue
    const found = search(child, segments, at + parts.length, indices)
    if (found !== undefined) return found
  }
  const segment = segments[at] as string
  if (node.items !== undefined && digits.test(segment)) {
    return search(node.items, segments, at + 1, [...indices, segment])
  }
  return undefined
}

/** A schema path with its `#` array segments replaced by the indices a variable's name gave. */
export const concrete = (path: string, indices: readonly string[]): string => {
  let i = 0
  return path
    .split('.')
    .map((s) => (s === '#' ? (indices[i++] ?? s) : s))
    .join('.')
}

/** The key an environment variable sets, or undefined when Kratos ignores it. */
/** The variable Kratos maps onto a dotted key (`session.cookie.same_site` → `SESSION_COOKIE_SAME_SITE`). */
export const envNameOf = (path: string): string => path.replace(/\./g, '_').toUpperCase()

export const envVarToKey = (
  name: string,
  version: KratosVersion,
): { path: string; index?: number } | undefined => {
  const segments = name.toLowerCase().replace(/_/g, '.').split('.')
  const match = search(compile(version).root, segments, 0, [])
  if (match === undefined) return undefined
  const { path, indices } = match
  if (path.endsWith('.#')) {
    const arrayPath = concrete(path.slice(0, -2), indices)
    return { path: arrayPath, index: Number(indices[indices.length - 1]) }
  }
  return { path: concrete(path, indices) }
}

export type CastResult =
  { ok: true; value: unknown; warning?: string } | { ok: false; reason: string; fallback?: unknown }

const typesOf = (spec: KeySpec): readonly string[] =>
  typeof spec.type === 'string' ? [spec.type] : spec.type

const parseJson = (raw: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown }
  } catch {
    return { ok: false }
  }
}

const castArray = (raw: string): CastResult => {
  const json = parseJson(raw)
  if (json.ok) {
    if (Array.isArray(json.value) || (typeof json.value === 'object' && json.value !== null)) {
      return { ok: true, value: json.value }
    }
    // FACTS.md §3: valid JSON that is neither array nor object decodes to null.
    return {
      ok: true,
      value: null,
      warning: 'valid JSON but not a list: Kratos reads null; write it as a JSON array',
    }
  }
  const fields = parseCsvLine(raw)
  if (fields === null) return { ok: false, reason: 'neither JSON nor one CSV line' }
  return { ok: true, value: fields }
}

/** Casts an environment value the way Kratos' loader does for the key's schema type. */
export const castEnvValue = (raw: string, spec: KeySpec): CastResult => {
  const types = typesOf(spec)
  if (types.includes('string')) return { ok: true, value: raw }
  switch (types[0] ?? 'string') {
    case 'boolean': {
      const value = parseGoBool(raw)
      return value === null
        ? {
            ok: false,
            reason: `"${raw}" is not a Go boolean; Kratos reads it as false`,
            fallback: false,
          }
        : { ok: true, value }
    }
    case 'integer': {
      const value = parseGoInt(raw)
      return value === null
        ? { ok: false, reason: 'not an integer; Kratos reads it as 0', fallback: 0 }
        : { ok: true, value }
    }
    case 'number': {
      const value = parseGoFloat(raw)
      return value === null
        ? { ok: false, reason: 'not a number; Kratos reads it as 0', fallback: 0 }
        : { ok: true, value }
    }
    case 'array':
      return castArray(raw)
    case 'object': {
      const json = parseJson(raw)
      return json.ok ? { ok: true, value: json.value } : { ok: false, reason: 'not a JSON object' }
    }
    default:
      return { ok: true, value: raw }
  }
}
