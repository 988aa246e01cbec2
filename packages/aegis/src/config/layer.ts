/**
 * A layer is what one source contributes (a config file, the flags, the environment), with the
 * origin of each node. Layers merge the way koanf merges them for Kratos (FACTS.md §3): objects
 * merge key by key, anything else (scalars, arrays) replaces what lower layers set.
 */
import type { ValueOrigin } from './types.ts'
import { ExternalValue, isRecord, joinPath, type Tree } from './tree.ts'

export interface Layer {
  readonly tree: Tree
  /** Origins by dotted path, for objects, arrays, array items and scalars. */
  readonly origins: ReadonlyMap<string, ValueOrigin>
  /** The carrier that produced the layer (file path or description), for `sources`. */
  readonly source: string
}

export interface Merged {
  readonly tree: Tree
  readonly origins: Map<string, ValueOrigin>
}

export const emptyMerged = (): Merged => ({ tree: {}, origins: new Map() })

const clone = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(clone)
  if (isRecord(value)) {
    const out: Tree = {}
    for (const [k, v] of Object.entries(value)) out[k] = clone(v)
    return out
  }
  return value
}

const isUnder = (path: string, prefix: string): boolean =>
  path === prefix || path.startsWith(`${prefix}.`)

const replaceOrigins = (target: Merged, layer: Layer, path: string): void => {
  for (const key of [...target.origins.keys()]) if (isUnder(key, path)) target.origins.delete(key)
  for (const [key, origin] of layer.origins) if (isUnder(key, path)) target.origins.set(key, origin)
}

const mergeObject = (base: Tree, add: Tree, prefix: string, target: Merged, layer: Layer): void => {
  for (const [key, value] of Object.entries(add)) {
    const path = joinPath(prefix, key)
    const current = base[key]
    if (isRecord(value) && isRecord(current)) {
      const origin = layer.origins.get(path)
      if (!target.origins.has(path) && origin !== undefined) target.origins.set(path, origin)
      mergeObject(current, value, path, target, layer)
    } else {
      base[key] = value instanceof ExternalValue ? value : clone(value)
      replaceOrigins(target, layer, path)
    }
  }
}

/** Merges `layer` over `target` in place. */
export const mergeLayer = (target: Merged, layer: Layer): void => {
  mergeObject(target.tree, layer.tree, '', target, layer)
}

/** A layer built from individual path assignments (flags, environment). */
export const layerFromAssignments = (
  source: string,
  assignments: readonly { path: string; value: unknown; origin: ValueOrigin }[],
): Layer => {
  const tree: Tree = {}
  const origins = new Map<string, ValueOrigin>()
  for (const { path, value, origin } of assignments) {
    let node = tree
    const segments = path.split('.')
    segments.forEach((segment, i) => {
      const sub = joinPath(segments.slice(0, i).join('.'), segment)
      if (i === segments.length - 1) {
        node[segment] = value
        for (const key of [...origins.keys()]) if (isUnder(key, sub)) origins.delete(key)
        origins.set(sub, origin)
        if (Array.isArray(value)) value.forEach((_, j) => origins.set(joinPath(sub, j), origin))
        return
      }
      const child = node[segment]
      if (!isRecord(child)) node[segment] = {}
      if (!origins.has(sub)) origins.set(sub, origin)
      node = node[segment] as Tree
    })
  }
  return { tree, origins, source }
}
