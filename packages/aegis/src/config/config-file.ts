/**
 * One Kratos configuration file (YAML, JSON or TOML, the extensions Kratos accepts: FACTS.md §3)
 * turned into a layer with a position for every value.
 */
import { extname } from 'node:path'
import type { Document, LineCounter } from 'yaml'
import type { SourceLocation } from '../engine/finding.ts'
import type { Layer } from './layer.ts'
import type { ValueOrigin } from './types.ts'
import { isRecord, joinPath, type Tree } from './tree.ts'
import { parseToml, tomlPositions } from './toml-source.ts'
import { documentTree, nodePositions, parseYamlText } from './yaml-source.ts'

export type OriginBase = Omit<ValueOrigin, 'location'>

const arrayIndex = /^(0|[1-9][0-9]*)$/

/** True when no key of `node` or below is empty or holds a dot: then each path names one node. */
const plainKeys = (node: unknown): boolean => {
  if (Array.isArray(node)) return node.every(plainKeys)
  if (!isRecord(node)) return true
  for (const key of Object.keys(node)) {
    if (key === '' || key.includes('.') || !plainKeys(node[key])) return false
  }
  return true
}

/**
 * Origins for every node of `tree` by dotted path. A node the position map does not cover (an
 * inline TOML table, a value inside a quoted ConfigMap string) takes its nearest ancestor's
 * position. Origins are read-only: nodes that inherit their parent's position share its origin
 * object.
 *
 * `get` and `has` find one path's origin on demand: a view is asked for a few dozen origins, and
 * building the whole map (a path string, a position lookup and a map entry for every node of
 * the file) was the largest part of building a view. The whole map is built only when it is
 * iterated, or when a key is empty or holds a dot, where two nodes may share a path and the map
 * keeps the later one. The tree is read when asked: a layer's tree is never changed once parsed
 * (the merge copies it).
 */
class TreeOrigins implements ReadonlyMap<string, ValueOrigin> {
  readonly #tree: Tree
  readonly #positions: ReadonlyMap<string, SourceLocation>
  readonly #base: OriginBase
  readonly #root: ValueOrigin
  /** The origin made for each positioned path, so a path always gives the same object. */
  readonly #made = new Map<string, ValueOrigin>()
  #plain: boolean | undefined
  #all: Map<string, ValueOrigin> | undefined

  constructor(
    tree: Tree,
    positions: ReadonlyMap<string, SourceLocation>,
    base: OriginBase,
    fallback: SourceLocation | null,
  ) {
    this.#tree = tree
    this.#positions = positions
    this.#base = base
    this.#root = { ...base, location: fallback }
  }

  /** The origin of the node at `path` whose parent's origin is `inherited`. */
  #at(path: string, inherited: ValueOrigin): ValueOrigin {
    const at = this.#positions.get(path)
    if (at === undefined || at === inherited.location) return inherited
    let made = this.#made.get(path)
    if (made === undefined) {
      made = { ...this.#base, location: at }
      this.#made.set(path, made)
    }
    return made
  }

  #map(): Map<string, ValueOrigin> {
    if (this.#all !== undefined) return this.#all
    const out = new Map<string, ValueOrigin>()
    const walk = (node: unknown, path: string, inherited: ValueOrigin): void => {
      const origin = this.#at(path, inherited)
      if (path !== '') out.set(path, origin)
      if (Array.isArray(node)) {
        node.forEach((v, i) => {
          walk(v, joinPath(path, i), origin)
        })
      } else if (isRecord(node))
        for (const [k, v] of Object.entries(node)) walk(v, joinPath(path, k), origin)
    }
    walk(this.#tree, '', this.#root)
    this.#all = out
    return out
  }

  get(path: string): ValueOrigin | undefined {
    if (this.#all !== undefined) return this.#all.get(path)
    this.#plain ??= plainKeys(this.#tree)
    if (!this.#plain) return this.#map().get(path)
    if (path === '') return undefined
    // Without positions every node has the root's origin: no prefix needs looking up.
    const positioned = this.#positions.size > 0
    let origin = positioned ? this.#at('', this.#root) : this.#root
    let node: unknown = this.#tree
    for (let start = 0; ;) {
      const dot = path.indexOf('.', start)
      const end = dot < 0 ? path.length : dot
      const segment = path.slice(start, end)
      if (Array.isArray(node)) {
        const i = arrayIndex.test(segment) ? Number(segment) : node.length
        if (i >= node.length) return undefined
        node = node[i]
      } else if (isRecord(node) && Object.hasOwn(node, segment)) {
        node = node[segment]
      } else {
        return undefined
      }
      if (positioned) origin = this.#at(path.slice(0, end), origin)
      if (dot < 0) return origin
      start = dot + 1
    }
  }

  has(path: string): boolean {
    return this.get(path) !== undefined
  }

  get size(): number {
    return this.#map().size
  }

  forEach(
    callback: (value: ValueOrigin, key: string, map: ReadonlyMap<string, ValueOrigin>) => void,
  ): void {
    for (const [key, value] of this.#map()) callback(value, key, this)
  }

  entries(): MapIterator<[string, ValueOrigin]> {
    return this.#map().entries()
  }

  keys(): MapIterator<string> {
    return this.#map().keys()
  }

  values(): MapIterator<ValueOrigin> {
    return this.#map().values()
  }

  [Symbol.iterator](): MapIterator<[string, ValueOrigin]> {
    return this.#map().entries()
  }
}

export const originsFor = (
  tree: Tree,
  positions: ReadonlyMap<string, SourceLocation>,
  base: OriginBase,
  fallback: SourceLocation | null = null,
): ReadonlyMap<string, ValueOrigin> => new TreeOrigins(tree, positions, base, fallback)

export interface ParsedConfig {
  readonly tree: Tree
  readonly positions: Map<string, SourceLocation>
  readonly document?: Document
  readonly lineCounter?: LineCounter
}

export const isTomlPath = (file: string): boolean => extname(file).toLowerCase() === '.toml'

/** Parses Kratos configuration text; the format follows the file extension (YAML otherwise). */
export const parseConfigText = (text: string, file: string): ParsedConfig => {
  if (isTomlPath(file)) {
    return { tree: parseToml(text, file), positions: tomlPositions(text, file) }
  }
  const { documents, lineCounter } = parseYamlText(text, file)
  const document = documents[0]
  if (document === undefined) return { tree: {}, positions: new Map() }
  return {
    tree: documentTree(document, file),
    positions: nodePositions(document.contents, lineCounter, file),
    document,
    lineCounter,
  }
}

export const configLayer = (
  parsed: Pick<ParsedConfig, 'tree' | 'positions'>,
  source: string,
  base: OriginBase = { kind: 'file' },
): Layer => ({
  tree: parsed.tree,
  origins: originsFor(parsed.tree, parsed.positions, base),
  source,
})
