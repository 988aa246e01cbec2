/**
 * Turns the model tree into per-version lookups. Paths are dotted; `*` stands for a map entry the
 * user names and `#` for an array item. Compiled once per version, lazily.
 */
import type { ModelNode } from './dsl.ts'
import { root } from './model/root.ts'
import type { KeySpec, KratosVersion } from './types.ts'

/** A model node as it exists in one version (per-version overrides applied, absent keys gone). */
export interface ResolvedNode extends Omit<
  ModelNode,
  'props' | 'map' | 'items' | 'variants' | 'byVersion'
> {
  readonly path: string
  readonly props?: Readonly<Record<string, ResolvedNode>>
  readonly map?: ResolvedNode
  readonly items?: ResolvedNode
  readonly variants?: {
    readonly key: string
    readonly cases: Readonly<Record<string, ResolvedNode>>
  }
}

const exists = (node: ModelNode, version: KratosVersion): boolean =>
  node.versions === undefined || node.versions.includes(version)

const join = (path: string, segment: string): string =>
  path === '' ? segment : `${path}.${segment}`

const resolveProps = (
  props: Readonly<Record<string, ModelNode>>,
  path: string,
  version: KratosVersion,
): Record<string, ResolvedNode> => {
  const out: Record<string, ResolvedNode> = {}
  for (const [name, child] of Object.entries(props)) {
    if (exists(child, version)) out[name] = resolve(child, join(path, name), version)
  }
  return out
}

/** Variant cases are merged into one key set: a key exists when any case has it. */
const mergeProps = (
  sets: readonly (Readonly<Record<string, ResolvedNode>> | undefined)[],
): Record<string, ResolvedNode> => {
  const out: Record<string, ResolvedNode> = {}
  for (const props of sets) {
    for (const name in props) {
      const child = props[name] as ResolvedNode
      const seen = out[name]
      out[name] = seen === undefined ? child : mergeNodes(seen, child)
    }
  }
  return out
}

/** In a union, a child is required only when every case requires it. */
const requiredOf = (a: ResolvedNode, b: ResolvedNode): { required?: readonly string[] } => {
  const both = (a.required ?? []).filter((name) => (b.required ?? []).includes(name))
  return both.length === 0 ? {} : { required: both }
}

const mergeNodes = (a: ResolvedNode, b: ResolvedNode): ResolvedNode => {
  const enumValues =
    a.enum !== undefined && b.enum !== undefined ? [...new Set([...a.enum, ...b.enum])] : undefined
  const props =
    a.props !== undefined || b.props !== undefined ? mergeProps([a.props, b.props]) : undefined
  // `required` is left out here and added last, only when both cases require the same keys.
  const merged: Record<string, unknown> = {}
  for (const node of [a, b]) {
    for (const key in node) {
      if (key !== 'required') merged[key] = (node as unknown as Record<string, unknown>)[key]
    }
  }
  if (enumValues !== undefined) merged['enum'] = enumValues
  if (props !== undefined) merged['props'] = props
  merged['closed'] = a.closed === true && b.closed === true
  const required = requiredOf(a, b)
  if (required.required !== undefined) merged['required'] = required.required
  return merged as unknown as ResolvedNode
}

const structural = new Set(['props', 'map', 'items', 'variants', 'byVersion', 'versions', 'path'])
/**
 * The node's own attributes (type, default, constraints), without its structure. A loop rather
 * than entries/filter/fromEntries: it runs for every node of a version (about 2,700 with the
 * hook variants) on each CLI start.
 */
const omit = (
  node: ModelNode | ResolvedNode,
): Omit<ModelNode, 'props' | 'map' | 'items' | 'variants' | 'byVersion'> => {
  const out: Record<string, unknown> = {}
  for (const key in node) {
    if (!structural.has(key)) out[key] = (node as unknown as Record<string, unknown>)[key]
  }
  return out as Omit<ModelNode, 'props' | 'map' | 'items' | 'variants' | 'byVersion'>
}

export const resolve = (node: ModelNode, path: string, version: KratosVersion): ResolvedNode => {
  const override = node.byVersion?.[version]
  const merged: ModelNode = override === undefined ? node : { ...node, ...override }
  const { props, map, items, variants } = merged
  const out: { -readonly [K in keyof ResolvedNode]: ResolvedNode[K] } = { ...omit(merged), path }
  if (props !== undefined) out.props = resolveProps(props, path, version)
  if (map !== undefined) out.map = resolve(map, join(path, '*'), version)
  if (items !== undefined) out.items = resolve(items, join(path, '#'), version)
  if (variants !== undefined) {
    const cases: Record<string, ResolvedNode> = {}
    for (const [name, c] of Object.entries(variants.cases)) {
      if (exists(c, version)) cases[name] = resolve(c, path, version)
    }
    out.variants = { key: variants.key, cases }
    out.props = { ...mergeProps(Object.values(cases).map((c) => c.props)), ...(out.props ?? {}) }
    out.closed = Object.values(cases).every((c) => c.closed === true)
  }
  return out
}

/**
 * The versions a key exists in need every version compiled: computed on first read only. One
 * getter shared by every spec (a closure per spec was a tenth of compile()).
 */
const versionsProperty: PropertyDescriptor = {
  enumerable: true,
  get(this: KeySpec): readonly KratosVersion[] {
    return versionsOf(this.path)
  },
}

const toSpec = (node: ResolvedNode): KeySpec => {
  const spec = { ...omit(node), path: node.path } as { -readonly [K in keyof KeySpec]: KeySpec[K] }
  if (node.items !== undefined) spec.items = toSpec(node.items)
  Object.defineProperty(spec, 'versions', versionsProperty)
  return spec
}

export interface CompiledModel {
  readonly root: ResolvedNode
  /** Every key (objects, leaves, `*` entries, `#` items) by canonical path, in model order. */
  readonly specs: ReadonlyMap<string, KeySpec>
}

const allVersions: readonly KratosVersion[] = ['v1.3', 'v25.4', 'v26.2', 'head']
const roots = new Map<KratosVersion, ResolvedNode>()
const compiled = new Map<KratosVersion, CompiledModel>()
let versionIndex: Map<string, KratosVersion[]> | undefined

const rootOf = (version: KratosVersion): ResolvedNode => {
  let node = roots.get(version)
  if (node === undefined) {
    node = resolve(root, '', version)
    roots.set(version, node)
  }
  return node
}

const flatten = (node: ResolvedNode, out: ResolvedNode[]): void => {
  out.push(node)
  for (const child of Object.values(node.props ?? {})) flatten(child, out)
  if (node.map !== undefined) flatten(node.map, out)
  if (node.items !== undefined) flatten(node.items, out)
}

const versionsOf = (path: string): readonly KratosVersion[] => {
  if (versionIndex === undefined) {
    const index = new Map<string, KratosVersion[]>()
    for (const version of allVersions) {
      for (const spec of compile(version).specs.keys()) {
        const list = index.get(spec) ?? []
        list.push(version)
        index.set(spec, list)
      }
    }
    versionIndex = index
  }
  return versionIndex.get(path) ?? []
}

export const compile = (version: KratosVersion): CompiledModel => {
  const cached = compiled.get(version)
  if (cached !== undefined) return cached
  const rootNode = rootOf(version)
  const nodes: ResolvedNode[] = []
  flatten(rootNode, nodes)
  const specs = new Map<string, KeySpec>()
  for (const node of nodes) specs.set(node.path, toSpec(node))
  const model = { root: rootNode, specs }
  compiled.set(version, model)
  return model
}

/**
 * Finds the model node for a concrete path: numeric segments select array items, names the
 * model does not list select a map's `*` entry. Returns undefined for unknown keys.
 */
export const findNode = (path: string, version: KratosVersion): ResolvedNode | undefined => {
  let node: ResolvedNode | undefined = compile(version).root
  if (path === '') return node
  for (const segment of path.split('.')) {
    node = step(node, segment)
    if (node === undefined) return undefined
  }
  return node
}

export const step = (node: ResolvedNode, segment: string): ResolvedNode | undefined => {
  if (node.items !== undefined && (segment === '#' || /^\d+$/.test(segment))) return node.items
  // Own properties only: a segment named `constructor` or `__proto__` is not Object's.
  const props = node.props
  const child = props !== undefined && Object.hasOwn(props, segment) ? props[segment] : undefined
  if (child !== undefined) return child
  return node.map
}
