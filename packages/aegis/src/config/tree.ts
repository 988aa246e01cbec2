/**
 * Plain-object configuration trees and dotted paths. Numeric segments index arrays
 * (`secrets.cookie.0`), as in the model's key paths (APIS.md).
 */

export type Tree = Record<string, unknown>

/** A value that a source sets but that cannot be known offline (a Kubernetes secretKeyRef). */
export class ExternalValue {
  readonly description: string
  constructor(description: string) {
    this.description = description
  }
}

/**
 * Sets an own property. A configuration may hold a key named `__proto__` (YAML and JSON parse it
 * as an ordinary key); plain assignment would instead replace the object's prototype, and merging
 * into `base['__proto__']` would write into Object.prototype (CWE-1321).
 */
export const setOwn = (tree: Tree, key: string, value: unknown): void => {
  if (key === '__proto__') {
    Object.defineProperty(tree, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  } else {
    tree[key] = value
  }
}

/** An own property only: never one inherited from Object.prototype. */
export const ownValue = (tree: Tree, key: string): unknown =>
  Object.hasOwn(tree, key) ? tree[key] : undefined

export const isRecord = (value: unknown): value is Tree =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof ExternalValue)

export const splitPath = (path: string): string[] => (path === '' ? [] : path.split('.'))

export const joinPath = (prefix: string, key: string | number): string =>
  prefix === '' ? String(key) : `${prefix}.${key}`

const indexOf = (segment: string): number | undefined =>
  /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : undefined

export interface Lookup {
  /** True when the path exists in the tree. */
  readonly found: boolean
  readonly value: unknown
  /** True when the path or one of its ancestors is an ExternalValue. */
  readonly external: boolean
}

export const lookup = (tree: unknown, path: string): Lookup => {
  let node: unknown = tree
  for (const segment of splitPath(path)) {
    if (node instanceof ExternalValue) return { found: true, value: undefined, external: true }
    if (Array.isArray(node)) {
      const i = indexOf(segment)
      if (i === undefined || i >= node.length)
        return { found: false, value: undefined, external: false }
      node = node[i]
    } else if (isRecord(node) && Object.hasOwn(node, segment)) {
      node = node[segment]
    } else {
      return { found: false, value: undefined, external: false }
    }
  }
  if (node instanceof ExternalValue) return { found: true, value: undefined, external: true }
  return { found: true, value: node, external: false }
}

/** Sets a value, creating objects (or arrays for numeric segments) on the way. */
export const setPath = (tree: Tree, path: string, value: unknown): void => {
  const segments = splitPath(path)
  let node: Tree | unknown[] = tree
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1
    const next = segments[i + 1]
    const key: string | number = Array.isArray(node) ? (indexOf(segment) ?? 0) : segment
    const container = node as Record<string | number, unknown>
    if (last) {
      container[key] = value
      return
    }
    const child = container[key]
    if (isRecord(child) || Array.isArray(child)) {
      node = child
    } else {
      const created: Tree | unknown[] = next !== undefined && indexOf(next) !== undefined ? [] : {}
      container[key] = created
      node = created
    }
  })
}

/** A deep copy with ExternalValues removed (what `tree()` and `get()` hand out). */
export const withoutExternals = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.filter((v) => !(v instanceof ExternalValue)).map(withoutExternals)
  }
  if (isRecord(value)) {
    const out: Tree = {}
    for (const [k, v] of Object.entries(value)) {
      if (!(v instanceof ExternalValue)) setOwn(out, k, withoutExternals(v))
    }
    return out
  }
  return value
}

/** Maximum nesting of any value; iterative so a hostile tree cannot overflow the stack. */
export const depthOf = (value: unknown, limit = Number.POSITIVE_INFINITY): number => {
  let max = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number]
    if (depth > max) max = depth
    // A self-referencing YAML alias (`&a [*a]`) gives a cyclic value: stop past the limit.
    if (depth > limit) return depth
    if (Array.isArray(node)) for (const v of node) stack.push([v, depth + 1])
    else if (isRecord(node)) for (const v of Object.values(node)) stack.push([v, depth + 1])
  }
  return max
}

/**
 * Calls `visit` on every leaf below the root (scalars, arrays, empty objects, externals) with its
 * path, in document order; objects with keys are walked into, never visited.
 */
export const forEachLeaf = (tree: unknown, visit: (node: unknown, path: string) => void): void => {
  const walk = (node: unknown, path: string): void => {
    if (isRecord(node) && (path === '' || Object.keys(node).length > 0)) {
      for (const [k, v] of Object.entries(node)) walk(v, joinPath(path, k))
    } else {
      visit(node, path)
    }
  }
  walk(tree, '')
}

/** Every leaf path (scalars, arrays, empty objects, externals) in document order. */
export const leafPaths = (tree: Tree): string[] => {
  const out: string[] = []
  forEachLeaf(tree, (_node, path) => out.push(path))
  return out
}
