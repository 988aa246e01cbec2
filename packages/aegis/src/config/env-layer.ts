/**
 * The environment as Kratos' loader reads it (FACTS.md §3): no prefix, every variable is tried
 * against the schema paths, values are cast by the key's type, `NAME_0`, `NAME_1`… build an
 * array. Variables that match no key are ignored by Kratos, except the few it reads directly.
 */
import type { CastResult, KratosVersion } from '../kratos/index.ts'
import { layerFromAssignments, type Layer } from './layer.ts'
import { model } from './model.ts'
import { ExternalValue, joinPath } from './tree.ts'
import type { ValueOrigin, ValueWithOrigin } from './types.ts'

export interface EnvVar {
  readonly name: string
  /** The value, or an ExternalValue when it comes from a secret the loader cannot read. */
  readonly value: string | ExternalValue
  readonly origin: ValueOrigin
}

/** Read by Kratos with os.Getenv, not through the config loader (FACTS.md §7, §1.8). */
export const rawEnvNames = ['DEV', 'DEV_DISABLE_API_FLOW_ENFORCEMENT'] as const

export interface UnmappedEnvVar {
  readonly name: string
  readonly origin: ValueOrigin
}

export interface EnvResult {
  readonly layer: Layer
  readonly rawEnv: Record<string, ValueWithOrigin>
  /** Variables that set no key (Kratos drops them), by name, in the carriers' order. */
  readonly unmapped: readonly UnmappedEnvVar[]
  readonly warnings: string[]
}

/** Later variables win over earlier ones with the same name (the caller orders the carriers). */
export const envLayer = (vars: readonly EnvVar[], version: KratosVersion): EnvResult => {
  const last = new Map<string, EnvVar>()
  for (const v of vars) last.set(v.name, v)
  const assignments: { path: string; value: unknown; origin: ValueOrigin }[] = []
  // `NAME_0`, `NAME_1`…: each item keeps its own variable's origin (a finding about item 2
  // points at `NAME_2`'s line); the array takes the lowest index's, where the list begins.
  const arrays = new Map<string, { items: unknown[]; origins: ValueOrigin[] }>()
  const rawEnv: Record<string, ValueWithOrigin> = {}
  const warnings: string[] = []
  const unmapped: UnmappedEnvVar[] = []
  for (const v of last.values()) {
    if ((rawEnvNames as readonly string[]).includes(v.name) && typeof v.value === 'string') {
      rawEnv[v.name] = { value: v.value, origin: v.origin }
    }
    const key = model.envVarToKey(v.name, version)
    if (key === undefined) {
      unmapped.push({ name: v.name, origin: v.origin })
      continue
    }
    if (v.value instanceof ExternalValue) {
      assignments.push({ path: key.path, value: v.value, origin: v.origin })
      continue
    }
    const spec = model.keySpec(key.index === undefined ? key.path : `${key.path}.0`, version)
    const cast: CastResult =
      spec === undefined ? { ok: true, value: v.value } : model.castEnvValue(v.value, spec)
    if (!cast.ok) warnings.push(`${v.name}: ${cast.reason}`)
    else if (cast.warning !== undefined) warnings.push(`${v.name}: ${cast.warning}`)
    const value = cast.ok ? cast.value : 'fallback' in cast ? cast.fallback : v.value
    if (key.index === undefined) {
      assignments.push({ path: key.path, value, origin: v.origin })
    } else {
      const entry = arrays.get(key.path) ?? { items: [], origins: [] }
      entry.items[key.index] = value
      entry.origins[key.index] = v.origin
      arrays.set(key.path, entry)
    }
  }
  for (const [path, { items, origins }] of arrays) {
    // origins is sparse (only the indices given): the list's origin is the lowest index's.
    const origin = origins.find(Boolean)
    if (origin === undefined) continue
    assignments.push({ path, value: Array.from(items, (x) => x ?? null), origin })
  }
  assignments.sort((a, b) => a.path.localeCompare(b.path))
  const layer = layerFromAssignments('environment', assignments)
  if (arrays.size === 0) return { layer, rawEnv, unmapped, warnings }
  // layerFromAssignments gives every item the array's origin; a gap (null) keeps it.
  const itemOrigins = new Map(layer.origins)
  for (const [path, { origins }] of arrays) {
    origins.forEach((o, i) => itemOrigins.set(joinPath(path, i), o))
  }
  return { layer: { ...layer, origins: itemOrigins }, rawEnv, unmapped, warnings }
}
