/**
 * Kratos' environment-variable mapping (FACTS.md §3): no prefix; the name is lowercased and every
 * `_` becomes `.`, then compared with each schema path whose `_` also became `.`; `#` array
 * placeholders match numeric segments (`SECRETS_COOKIE_0`). Values are cast by the key's type.
 */
import { allKeys } from './keys.ts'
import { parseCsvLine, parseGoBool, parseGoFloat, parseGoInt } from './go-values.ts'
import type { KeySpec, KratosVersion } from './types.ts'

interface Candidate {
  readonly path: string
  readonly pattern: RegExp
}

const candidates = new Map<KratosVersion, readonly Candidate[]>()

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Map entries (`*`) are user-named: the loader lists no schema path for them. */
const candidatesFor = (version: KratosVersion): readonly Candidate[] => {
  const cached = candidates.get(version)
  if (cached !== undefined) return cached
  const list = allKeys(version)
    .filter((spec) => !spec.path.split('.').includes('*'))
    .map((spec) => {
      const dotted = spec.path.replace(/_/g, '.')
      const source = dotted
        .split('.')
        .map((s) => (s === '#' ? '(\\d+)' : escape(s)))
        .join('\\.')
      return { path: spec.path, pattern: new RegExp(`^${source}$`) }
    })
  candidates.set(version, list)
  return list
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
  const dotted = name.toLowerCase().replace(/_/g, '.')
  for (const candidate of candidatesFor(version)) {
    const match = candidate.pattern.exec(dotted)
    if (match === null) continue
    const indices = match.slice(1)
    if (candidate.path.endsWith('.#')) {
      const arrayPath = concrete(candidate.path.slice(0, -2), indices)
      return { path: arrayPath, index: Number(indices[indices.length - 1]) }
    }
    return { path: concrete(candidate.path, indices) }
  }
  return undefined
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
