/**
 * Minimal text edits on a YAML file: every change replaces, inserts or deletes only the bytes of
 * the node it is about, so comments, key order, anchors, quoting and formatting of everything else
 * stay byte-identical (the ESLint-fixer model, STYLE.md "a fix"). Positions come from the `yaml`
 * package's node ranges (`[start, valueEnd, nodeEnd]`). After editing, `verifyEdit` re-parses the
 * text and compares it with the intended tree, so a layout this module does not understand fails
 * loudly instead of producing a wrong file.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  stringify,
  type Document,
  type Node,
  type Pair,
} from 'yaml'

export type PathSegment = string | number
export interface TextEdit {
  readonly start: number
  readonly end: number
  readonly text: string
}

export class YamlEditError extends Error {
  override readonly name = 'YamlEditError'
}

export const parseYaml = (text: string): Document =>
  parseDocument(text, { keepSourceTokens: false, uniqueKeys: false })

export const applyEdits = (text: string, edits: readonly TextEdit[]): string => {
  const sorted = [...edits].sort((a, b) => b.start - a.start)
  let out = text
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end)
  return out
}

export const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1
const lineEnd = (text: string, at: number): number => {
  const nl = text.indexOf('\n', at)
  return nl < 0 ? text.length : nl + 1
}
const columnOf = (text: string, at: number): number => at - lineStart(text, at)
/** A node's `[start, valueEnd, nodeEnd]` (json-edit.ts too: JSON is parsed by the same package). */
export const range = (node: Node): [number, number, number] => {
  if (!node.range) throw new YamlEditError('a YAML node has no source position')
  return node.range
}

/** One value as YAML text, quoted the way the `yaml` package decides (never folded). */
export const renderInline = (value: unknown): string =>
  stringify(value, { lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '')

const renderFlow = (value: unknown): string =>
  Array.isArray(value) ? `[${value.map(renderFlow).join(', ')}]` : renderInline(value)

/** A block collection as lines indented by `indent`, first line without its indentation. */
const renderBlock = (value: unknown, indent: number): string => {
  const text = stringify(value, { lineWidth: 0, indent: 2, indentSeq: true })
  const pad = ' '.repeat(indent)
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => (i === 0 ? line : pad + line))
    .join('\n')
}

const isCollectionValue = (v: unknown): boolean =>
  (Array.isArray(v) && v.length > 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0)

const pairAt = (doc: Document, path: readonly PathSegment[]): Pair<Node, Node | null> | null => {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
  if (!isMap(parent)) return null
  const key = path[path.length - 1]
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key))
  return pair && isPair(pair) ? (pair as Pair<Node, Node | null>) : null
}

/** Replace the value of an existing key, keeping the key, its comment and the block around it. */
const replaceValue = (text: string, pair: Pair<Node, Node | null>, value: unknown): TextEdit => {
  const node = pair.value
  const keyStart = range(pair.key)[0]
  if (node === null || (isScalar(node) && node.source === undefined && node.value === null)) {
    const at = range(pair.key)[1]
    const colon = text.indexOf(':', at)
    return isCollectionValue(value)
      ? {
          start: colon + 1,
          end: colon + 1,
          text: `\n${' '.repeat(columnOf(text, keyStart) + 2)}${renderBlock(value, columnOf(text, keyStart) + 2)}`,
        }
      : { start: colon + 1, end: colon + 1, text: ` ${renderInline(value)}` }
  }
  const [start, valueEnd] = range(node)
  if (isScalar(node) || (isSeq(node) && node.flow) || (isMap(node) && node.flow)) {
    if (isCollectionValue(value) && !Array.isArray(value)) {
      throw new YamlEditError('replacing an inline value with a mapping is not supported')
    }
    return {
      start,
      end: valueEnd,
      text: Array.isArray(value) ? renderFlow(value) : renderInline(value),
    }
  }
  // A block collection: its range starts at the first `-` or key and ends after its last line.
  const indent = columnOf(text, start)
  if (!isCollectionValue(value)) {
    // `key:\n  - a\n` → `key: value\n`: drop the block, put the scalar after the colon.
    const colon = text.indexOf(':', range(pair.key)[1])
    return { start: colon, end: valueEnd, text: `: ${renderFlow(value)}\n` }
  }
  const ends = text.slice(start, valueEnd).endsWith('\n')
  return { start, end: valueEnd, text: renderBlock(value, indent) + (ends ? '\n' : '') }
}

/** Nests the part of the path that does not exist yet: ['a','b'] + v → {a: {b: v}}. */
export const nest = (path: readonly PathSegment[], value: unknown): unknown =>
  path.reduceRight<unknown>((acc, key) => ({ [String(key)]: acc }), value)

const insertUnder = (
  text: string,
  doc: Document,
  existing: readonly PathSegment[],
  missing: readonly PathSegment[],
  value: unknown,
): TextEdit => {
  const map = existing.length === 0 ? doc.contents : doc.getIn(existing, true)
  const addition = nest(missing, value) as Record<string, unknown>
  if (map === null || map === undefined) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n'
    return { start: text.length, end: text.length, text: `${sep}${renderBlock(addition, 0)}\n` }
  }
  if (!isMap(map) || map.flow) throw new YamlEditError('cannot add a key to a flow mapping')
  const first = map.items[0]
  if (first === undefined || !isPair(first) || !first.key) {
    throw new YamlEditError('cannot add a key to an empty mapping')
  }
  const indent = columnOf(text, range(first.key as Node)[0])
  const end = range(map)[1]
  const at = end === text.length && !text.endsWith('\n') ? end : lineStart(text, end)
  const sep = at === text.length && !text.endsWith('\n') ? '\n' : ''
  return {
    start: at,
    end: at,
    text: `${sep}${' '.repeat(indent)}${renderBlock(addition, indent)}\n`,
  }
}

/** The edit that makes `path` hold `value`, adding missing parent mappings as needed. */
export const setEdit = (
  text: string,
  doc: Document,
  path: readonly PathSegment[],
  value: unknown,
): TextEdit => {
  const pair = pairAt(doc, path)
  if (pair !== null) return replaceValue(text, pair, value)
  let depth = path.length - 1
  while (depth > 0 && !isMap(doc.getIn(path.slice(0, depth), true))) {
    if (doc.hasIn(path.slice(0, depth)) && doc.getIn(path.slice(0, depth)) !== null) {
      throw new YamlEditError(`${path.slice(0, depth).join('.')} is not a mapping`)
    }
    depth--
  }
  const parentPair = depth > 0 ? pairAt(doc, path.slice(0, depth)) : null
  if (parentPair !== null && !isMap(parentPair.value)) {
    return replaceValue(text, parentPair, nest(path.slice(depth), value))
  }
  return insertUnder(text, doc, path.slice(0, depth), path.slice(depth), value)
}

/** The edit that deletes `path` (its whole line span); an emptied parent mapping goes too. */
export const removeEdit = (
  text: string,
  doc: Document,
  path: readonly PathSegment[],
): TextEdit | null => {
  const pair = pairAt(doc, path)
  if (pair === null) return null
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
  if (isMap(parent) && parent.items.length === 1 && path.length > 1) {
    return removeEdit(text, doc, path.slice(0, -1))
  }
  if (isMap(parent) && parent.flow)
    throw new YamlEditError('cannot remove a key from a flow mapping')
  const start = lineStart(text, range(pair.key)[0])
  const valueNode = pair.value
  const last = valueNode === null ? range(pair.key)[2] : range(valueNode)[2]
  const block = (isMap(valueNode) || isSeq(valueNode)) && valueNode.flow !== true
  const end = block ? last : lineEnd(text, Math.max(last - 1, start))
  return { start, end, text: '' }
}

/** Re-parses `after` and checks it holds exactly `expected`; throws when the edit went wrong. */
export const verifyEdit = (after: string, expected: unknown): void => {
  const doc = parseYaml(after)
  if (doc.errors.length > 0)
    throw new YamlEditError(`the edit broke the YAML: ${doc.errors[0]?.message ?? ''}`)
  if (JSON.stringify(doc.toJS() ?? {}) !== JSON.stringify(expected ?? {})) {
    throw new YamlEditError('the edited file does not hold the intended values')
  }
}

/** Plain-object counterparts of the edits, to compute what `verifyEdit` expects. */
export const setIn = (tree: unknown, path: readonly PathSegment[], value: unknown): unknown => {
  const [head, ...rest] = path
  if (head === undefined) return value
  const base =
    typeof tree === 'object' && tree !== null && !Array.isArray(tree)
      ? (tree as Record<string, unknown>)
      : {}
  const key = String(head)
  if (key in base)
    return Object.fromEntries(
      Object.entries(base).map(([k, v]) => [k, k === key ? setIn(v, rest, value) : v]),
    )
  return { ...base, [key]: setIn(undefined, rest, value) }
}

export const removeIn = (tree: unknown, path: readonly PathSegment[]): unknown => {
  const [head, ...rest] = path
  if (head === undefined || typeof tree !== 'object' || tree === null || Array.isArray(tree))
    return tree
  const base = tree as Record<string, unknown>
  const key = String(head)
  if (!(key in base)) return tree
  const entries = Object.entries(base).flatMap(([k, v]): [string, unknown][] => {
    if (k !== key) return [[k, v]]
    if (rest.length === 0) return []
    const inner = removeIn(v, rest)
    const emptied = typeof inner === 'object' && inner !== null && Object.keys(inner).length === 0
    return emptied ? [] : [[k, inner]]
  })
  return Object.fromEntries(entries)
}
