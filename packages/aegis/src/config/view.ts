/**
 * The ConfigView over merged layers: set values win, then schema defaults from the model.
 * Values a source sets but that cannot be known offline are "external": has() is true, get()
 * is undefined, and they are never reported as missing (issue 2).
 */
import type { KratosVersion } from '../kratos/types.ts'
import type { ConfigView, ValueOrigin, ViewEntry, ValueWithOrigin } from './types.ts'
import type { Merged } from './layer.ts'
import { memoByText } from '../memo.ts'
import { ExternalValue, forEachLeaf, isRecord, lookup, withoutExternals } from './tree.ts'

export interface ViewInput {
  readonly merged: Merged
  readonly version: KratosVersion
  readonly versionSource: ConfigView['versionSource']
  readonly defaultValue: (path: string, version: KratosVersion) => unknown
  readonly rawEnv?: Readonly<Record<string, ValueWithOrigin>>
  readonly unmappedEnv?: ConfigView['unmappedEnv']
  readonly sources?: readonly string[]
}

export const defaultOrigin: ValueOrigin = { kind: 'default', location: null }

/**
 * What the merged tree holds at one path. `defaults` (absent paths only) is whether a schema
 * default may apply: not below a set scalar or array, where there is nothing to default.
 */
interface Slot {
  readonly found: boolean
  readonly value: unknown
  readonly external: boolean
  readonly defaults: boolean
}

const externalSlot: Slot = { found: true, value: undefined, external: true, defaults: false }
const absentDefaulted: Slot = { found: false, value: undefined, external: false, defaults: true }
const absentBare: Slot = { found: false, value: undefined, external: false, defaults: false }

const arrayIndex = /^(0|[1-9][0-9]*)$/

/** One step down from `parent`, with the semantics of `lookup` in tree.ts. */
const child = (parent: Slot, segment: string): Slot => {
  if (parent.external) return externalSlot
  if (!parent.found) return parent
  const node = parent.value
  let next: unknown
  if (Array.isArray(node)) {
    const i = arrayIndex.test(segment) ? Number(segment) : node.length
    if (i >= node.length) return absentBare
    next = node[i]
  } else if (isRecord(node)) {
    if (!Object.hasOwn(node, segment)) return absentDefaulted
    next = node[segment]
  } else {
    return absentBare
  }
  if (next instanceof ExternalValue) return externalSlot
  return { found: true, value: next, external: false, defaults: false }
}

const containsExternal = (node: unknown): boolean => {
  if (node instanceof ExternalValue) return true
  if (Array.isArray(node)) return node.some(containsExternal)
  if (isRecord(node)) return Object.values(node).some(containsExternal)
  return false
}

/**
 * A dotted path's parent and last segment. Every view is asked for the same few hundred paths
 * (the rules' keys and their parents): each is split once for all views, and a view's memo is
 * then filled from the same parent strings rather than new slices of the path. The cap keeps
 * odd paths from growing it (as the schema defaults' cache in model.ts).
 */
interface PathParts {
  /** The parent path; undefined for a top-level key. */
  readonly parent: string | undefined
  readonly segment: string
}
const partsOf = memoByText((path: string): PathParts => {
  const cut = path.lastIndexOf('.')
  return { parent: cut < 0 ? undefined : path.slice(0, cut), segment: path.slice(cut + 1) }
}, 4096)

export const createView = (input: ViewInput): ConfigView => {
  const { merged, version, defaultValue } = input
  // Most views hold no external value: then the merged tree (built fresh by mergeLayer, never
  // changed after) is already the plain tree, and copying it would be wasted work.
  const hasExternals = containsExternal(merged.tree)
  const plain = (hasExternals ? withoutExternals(merged.tree) : merged.tree) as Record<
    string,
    unknown
  >
  const root: Slot = { found: true, value: merged.tree, external: false, defaults: false }
  // A view never changes once built, and rules ask for the same keys (and their parents) again
  // and again: every path is resolved once, from its memoized parent, never split.
  const slots = new Map<string, Slot>()
  const slot = (path: string): Slot => {
    if (path === '') return root
    let found = slots.get(path)
    if (found !== undefined) return found
    const { parent, segment } = partsOf(path)
    // A leading empty segment ('.a') is not the root: step into the key '' explicitly.
    const above = parent === undefined ? root : parent === '' ? child(root, '') : slot(parent)
    found = child(above, segment)
    slots.set(path, found)
    return found
  }

  /**
   * An ancestor's origin speaks for a descendant only when the ancestor is a set value (array
   * or external), not a partially set object.
   */
  const origins = new Map<string, ValueOrigin>()
  const originOf = (path: string): ValueOrigin => {
    if (path === '') return defaultOrigin
    const own = merged.origins.get(path)
    if (own !== undefined) return own
    let found = origins.get(path)
    if (found !== undefined) return found
    found = defaultOrigin
    for (let cut = path.lastIndexOf('.'); cut >= 0;) {
      const up = path.slice(0, cut)
      const origin = merged.origins.get(up)
      if (origin !== undefined) {
        const at = slot(up)
        if (Array.isArray(at.value) || at.external) found = origin
        break
      }
      cut = cut === 0 ? -1 : path.lastIndexOf('.', cut - 1)
    }
    origins.set(path, found)
    return found
  }

  const values = new Map<string, unknown>()
  const resolve = (path: string): unknown => {
    const at = slot(path)
    if (at.external) return undefined
    if (at.found) return hasExternals ? lookup(plain, path).value : at.value
    return at.defaults ? defaultValue(path, version) : undefined
  }
  const get = (path: string): unknown => {
    const known = values.get(path)
    if (known !== undefined || values.has(path)) return known
    const value = resolve(path)
    values.set(path, value)
    return value
  }

  /** Leaves in document order: scalars, arrays, empty objects and externals. */
  let entries: ViewEntry[] | undefined
  const collectEntries = (): ViewEntry[] => {
    const out: ViewEntry[] = []
    forEachLeaf(merged.tree, (node, path) => {
      const external = node instanceof ExternalValue
      out.push({
        path,
        value: external ? undefined : withoutExternals(node),
        origin: originOf(path),
        external,
      })
    })
    return out
  }

  const view: ConfigView = {
    version,
    versionSource: input.versionSource,
    get,
    has: (path) => slot(path).found,
    origin: (path) => (slot(path).found ? originOf(path) : defaultOrigin),
    isExternal: (path) => slot(path).external,
    entries() {
      entries ??= collectEntries()
      return entries
    },
    tree: () => plain,
    get dev() {
      return get('dev') === true
    },
    rawEnv: input.rawEnv ?? {},
    unmappedEnv: input.unmappedEnv ?? [],
    sources: input.sources ?? [],
  }
  return view
}
