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

/**
 * Origins for every node of `tree`. A node the position map does not cover (an inline TOML
 * table, a value inside a quoted ConfigMap string) takes its nearest ancestor's position.
 */
export const originsFor = (
  tree: Tree,
  positions: ReadonlyMap<string, SourceLocation>,
  base: OriginBase,
  fallback: SourceLocation | null = null,
): Map<string, ValueOrigin> => {
  const out = new Map<string, ValueOrigin>()
  // Origins are read-only: nodes that inherit their parent's position share its origin object.
  const walk = (node: unknown, path: string, inherited: ValueOrigin): void => {
    const at = positions.get(path)
    const origin =
      at === undefined || at === inherited.location ? inherited : { ...base, location: at }
    if (path !== '') out.set(path, origin)
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        walk(v, joinPath(path, i), origin)
      })
    } else if (isRecord(node))
      for (const [k, v] of Object.entries(node)) walk(v, joinPath(path, k), origin)
  }
  walk(tree, '', { ...base, location: fallback })
  return out
}

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
