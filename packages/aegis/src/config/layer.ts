/**
 * A layer is what one source contributes (a config file, the flags, the environment), with the
 * origin of each node. Layers merge the way koanf merges them for Kratos (FACTS.md §3): objects
 * merge key by key, anything else (scalars, arrays) replaces what lower layers set.
 */
import type { ValueOrigin } from './types.ts'
import { ExternalValue, isRecord, joinPath, ownValue, setOwn, type Tree } from './tree.ts'

export interface Layer {
  readonly tree: Tree
  /** Origins by dotted path, for objects, arrays, array items and scalars. */
  readonly origins: ReadonlyMap<string, ValueOrigin>
  /** The carrier that produced the layer (file path or description), for `sources`. */
  readonly source: string
}

/**
 * The merged origins by dotted path. The first layer's origins are used as they are, read on
 * demand (config-file.ts finds a file's origins lazily), until a later layer changes some: only
 * then are they copied into a map of the merge's own. Most views merge one file and no flags or
 * environment, and are asked for a few dozen origins.
 */
export class MergedOrigins {
  #first: ReadonlyMap<string, ValueOrigin> | undefined
  readonly #own = new Map<string, ValueOrigin>()

  get(path: string): ValueOrigin | undefined {
    return (this.#first ?? this.#own).get(path)
  }

  get size(): number {
    return (this.#first ?? this.#own).size
  }

  /** Takes a first layer's origins whole (the merge is still empty). */
  adopt(origins: ReadonlyMap<string, ValueOrigin>): void {
    this.#first = origins
  }

  /** The map a later layer changes. */
  writable(): Map<string, ValueOrigin> {
    if (this.#first !== undefined) {
      for (const [key, origin] of this.#first) this.#own.set(key, origin)
      this.#first = undefined
    }
    return this.#own
  }
}

export interface Merged {
  readonly tree: Tree
  readonly origins: MergedOrigins
}

export const emptyMerged = (): Merged => ({ tree: {}, origins: new MergedOrigins() })

const clone = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(clone)
  if (isRecord(value)) {
    const out: Tree = {}
    for (const [k, v] of Object.entries(value)) setOwn(out, k, clone(v))
    return out
  }
  return value
}

const isUnder = (path: string, prefix: string): boolean =>
  path === prefix || path.startsWith(`${prefix}.`)

const replaceOrigins = (origins: Map<string, ValueOrigin>, layer: Layer, path: string): void => {
  // Deleting the entry being visited is safe while iterating a Map, so no copy of the keys.
  const below = `${path}.`
  for (const key of origins.keys()) {
    if (key === path || key.startsWith(below)) origins.delete(key)
  }
  for (const [key, origin] of layer.origins) {
    if (key === path || key.startsWith(below)) origins.set(key, origin)
  }
}

const mergeObject = (
  base: Tree,
  add: Tree,
  prefix: string,
  origins: Map<string, ValueOrigin>,
  layer: Layer,
): void => {
  for (const [key, value] of Object.entries(add)) {
    const path = joinPath(prefix, key)
    const current = ownValue(base, key)
    if (isRecord(value) && isRecord(current)) {
      const origin = layer.origins.get(path)
      if (!origins.has(path) && origin !== undefined) origins.set(path, origin)
      mergeObject(current, value, path, origins, layer)
    } else {
      setOwn(base, key, value instanceof ExternalValue ? value : clone(value))
      replaceOrigins(origins, layer, path)
    }
  }
}

/** True when `key` is `path` or below it for one of the paths in `paths`. */
const underAny = (key: string, paths: ReadonlySet<string>): boolean => {
  if (paths.has(key)) return true
  for (let dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
    if (paths.has(key.slice(0, dot))) return true
  }
  return false
}

/** Merges `layer` over `target` in place. */
export const mergeLayer = (target: Merged, layer: Layer): void => {
  if (Object.keys(target.tree).length > 0 || target.origins.size > 0) {
    // A layer with no keys changes nothing: the origins stay as they are, unread.
    if (Object.keys(layer.tree).length > 0)
      mergeObject(target.tree, layer.tree, '', target.origins.writable(), layer)
    return
  }
  // The first layer (the usual single config file): mergeObject would copy each top-level value
  // and, for each, scan every origin of the layer for those under it. The result is the same
  // copy and the origins under any top-level key, found in one pass.
  const top = new Set<string>()
  for (const [key, value] of Object.entries(layer.tree)) {
    setOwn(target.tree, key, value instanceof ExternalValue ? value : clone(value))
    top.add(key)
  }
  // A layer's origins are keyed by the paths of its nodes (originsFor, layerFromAssignments):
  // each begins with its top-level key, followed by a dot below it. Only below a top-level key
  // '' (whose children's paths have no leading dot) can one be under no top-level key; otherwise
  // all are kept, and are taken whole rather than copied.
  if (!Object.hasOwn(layer.tree, '')) {
    target.origins.adopt(layer.origins)
    return
  }
  const origins = target.origins.writable()
  for (const [key, origin] of layer.origins) if (underAny(key, top)) origins.set(key, origin)
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
        setOwn(node, segment, value)
        for (const key of origins.keys()) if (isUnder(key, sub)) origins.delete(key)
        origins.set(sub, origin)
        if (Array.isArray(value)) value.forEach((_, j) => origins.set(joinPath(sub, j), origin))
        return
      }
      let child = ownValue(node, segment)
      if (!isRecord(child)) {
        child = {}
        setOwn(node, segment, child)
      }
      // The object exists only because a key below it is set: it keeps that source's kind
      // (`env`, `flag`) but no position, which belongs to the key (a sibling's default must not
      // point at another variable's line).
      if (!origins.has(sub)) origins.set(sub, { ...origin, location: null })
      node = child as Tree
    })
  }
  return { tree, origins, source }
}
