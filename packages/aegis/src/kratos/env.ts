/**
 * Kratos' environment-variable mapping (FACTS.md §3): no prefix; the name is lowercased and every
 * `_` becomes `.`, then compared with each schema path whose `_` also became `.`; `#` array
 * placeholders match numeric segments (`SECRETS_COOKIE_0`). Values are cast by the key's type.
 */
import { allKeys } from './keys.ts'
import { parseCsvLine, parseGoBool, parseGoFloat, parseGoInt } from './go-values.ts'
import type { KeySpec, KratosVersion } from './types.ts'

/**
 * The schema paths of a version as a trie over their dotted segments (`_` already turned into
 * `.`): `#` (array item) is a separate child that any all-digit segment may take. Each key keeps
 * its position in model order, so a name that two paths could spell resolves to the first one, as
 * Kratos' loader takes the first schema path that matches. One trie per version, built on first
 * use: matching one regular expression per key cost a regex compile per key on the first lookup
 * (about 1,150 of them, most of the audit's start-up).
 */
interface Trie {
  readonly literal: Map<string, Trie>
  item?: Trie
  key?: { readonly path: string; readonly order: number }
}

const newTrie = (): Trie => ({ literal: new Map() })

const tries = new Map<KratosVersion, Trie>()

/** Map entries (`*`) are user-named: the loader lists no schema path for them. */
const trieFor = (version: KratosVersion): Trie => {
  const cached = tries.get(version)
  if (cached !== undefined) return cached
  const root = newTrie()
  let order = 0
  for (const spec of allKeys(version)) {
    if (spec.path.split('.').includes('*')) continue
    let node = root
    for (const segment of spec.path.replace(/_/g, '.').split('.')) {
      if (segment === '#') {
        node = node.item ??= newTrie()
        continue
      }
      let next = node.literal.get(segment)
      if (next === undefined) {
        next = newTrie()
        node.literal.set(segment, next)
      }
      node = next
    }
    node.key ??= { path: spec.path, order }
    order++
  }
  tries.set(version, root)
  return root
}

interface Match {
  readonly path: string
  readonly order: number
  /** The numeric segments taken by `#`, in path order. */
  readonly indices: readonly string[]
}

const digits = /^\d+$/

/** Every trie node is reached at one depth only, so the search visits each node at most once. */
const search = (
  node: Trie,
  segments: readonly string[],
  at: number,
  indices: readonly string[],
): Match | undefined => {
  if (at === segments.length) {
    return node.key === undefined ? undefined : { ...node.key, indices }
  }
  const segment = segments[at] as string
  const next = node.literal.get(segment)
  const byName = next === undefined ? undefined : search(next, segments, at + 1, indices)
  const byItem =
    node.item !== undefined && digits.test(segment)
      ? search(node.item, segments, at + 1, [...indices, segment])
      : undefined
  if (byName === undefined) return byItem
  if (byItem === undefined) return byName
  return byItem.order < byName.order ? byItem : byName
}

const concrete = (path: string, indices: readonly string[]): string => {
  let i = 0
  return path
    .split('.')
    .map((s) => (s === '#' ? (indices[i++] ?? s) : s))
    .join('.')
}

/** The key an environment variable sets, or undefined when Kratos ignores it. */
export const envVarToKey = (
  name: string,
  version: KratosVersion,
): { path: string; index?: number } | undefined => {
  const segments = name.toLowerCase().replace(/_/g, '.').split('.')
  const match = search(trieFor(version), segments, 0, [])
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
