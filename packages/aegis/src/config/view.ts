/**
 * The ConfigView over merged layers: set values win, then schema defaults from the model.
 * Values a source sets but that cannot be known offline are "external": has() is true, get()
 * is undefined, and they are never reported as missing (issue 2).
 */
import type { KratosVersion } from '../kratos/types.ts'
import type { ConfigView, ValueOrigin, ValueWithOrigin, ViewEntry } from './types.ts'
import type { Merged } from './layer.ts'
import { ExternalValue, isRecord, joinPath, lookup, splitPath, withoutExternals } from './tree.ts'

export interface ViewInput {
  readonly merged: Merged
  readonly version: KratosVersion
  readonly versionSource: ConfigView['versionSource']
  readonly defaultValue: (path: string, version: KratosVersion) => unknown
  readonly rawEnv?: Readonly<Record<string, ValueWithOrigin>>
  readonly sources?: readonly string[]
}

export const defaultOrigin: ValueOrigin = { kind: 'default', location: null }

/** Leaves in document order: scalars, arrays, empty objects and externals. */
const collectEntries = (merged: Merged): ViewEntry[] => {
  const out: ViewEntry[] = []
  const walk = (node: unknown, path: string): void => {
    if (isRecord(node) && (Object.keys(node).length > 0 || path === '')) {
      for (const [k, v] of Object.entries(node)) walk(v, joinPath(path, k))
      return
    }
    const external = node instanceof ExternalValue
    out.push({
      path,
      value: external ? undefined : withoutExternals(node),
      origin: originOf(merged, path),
      external,
    })
  }
  walk(merged.tree, '')
  return out
}

const originOf = (merged: Merged, path: string): ValueOrigin => {
  const segments = splitPath(path)
  for (let n = segments.length; n > 0; n--) {
    const origin = merged.origins.get(segments.slice(0, n).join('.'))
    if (origin !== undefined) {
      // An ancestor's origin speaks for a descendant only when the ancestor is a set value
      // (array or external), not a partially set object.
      if (n === segments.length) return origin
      const at = lookup(merged.tree, segments.slice(0, n).join('.'))
      if (Array.isArray(at.value) || at.external) return origin
      return defaultOrigin
    }
  }
  return defaultOrigin
}

export const createView = (input: ViewInput): ConfigView => {
  const { merged, version, defaultValue } = input
  const plain = withoutExternals(merged.tree) as Record<string, unknown>
  let entries: readonly ViewEntry[] | undefined
  // A view never changes once built; rules ask for the same keys again and again.
  const memo = new Map<string, unknown>()
  const get = (path: string): unknown => {
    if (memo.has(path)) return memo.get(path)
    const value = resolve(path)
    memo.set(path, value)
    return value
  }
  const resolve = (path: string): unknown => {
    const found = lookup(merged.tree, path)
    if (found.external) return undefined
    if (found.found) return lookup(plain, path).value
    // Below a set scalar or array there is nothing to default.
    const segments = splitPath(path)
    for (let n = segments.length - 1; n > 0; n--) {
      const parent = lookup(merged.tree, segments.slice(0, n).join('.'))
      if (parent.found) {
        if (!isRecord(parent.value)) return undefined
        break
      }
    }
    return defaultValue(path, version)
  }
  const view: ConfigView = {
    version,
    versionSource: input.versionSource,
    get,
    has: (path) => lookup(merged.tree, path).found,
    origin(path) {
      const found = lookup(merged.tree, path)
      return found.found ? originOf(merged, path) : defaultOrigin
    },
    isExternal: (path) => lookup(merged.tree, path).external,
    entries() {
      entries ??= collectEntries(merged)
      return entries
    },
    tree: () => plain,
    get dev() {
      return view.get('dev') === true
    },
    rawEnv: input.rawEnv ?? {},
    sources: input.sources ?? [],
  }
  return view
}
