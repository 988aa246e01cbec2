/**
 * Minimal text edits on a JSON Kratos config (QA L16), the counterpart of yaml-edit.ts: a set
 * replaces only the value's bytes, a new key is spliced in after the last member of its object
 * with that member's indentation (or inline in a one-line object), a removal deletes the member
 * and one neighbouring comma. Positions come from the `yaml` package's node ranges (JSON is
 * YAML's flow syntax). `verifyJsonEdit` re-parses the result with JSON.parse, since Kratos reads
 * `.json` with a JSON parser, and compares it with the intended tree.
 */
import { isMap, isScalar, type Document, type Node, type Pair, type YAMLMap } from 'yaml'
import {
  lineStart,
  nest,
  range,
  YamlEditError,
  type PathSegment,
  type TextEdit,
} from './yaml-edit.ts'

type Member = Pair<Node, Node | null>

const mapAt = (doc: Document, path: readonly PathSegment[]): YAMLMap | null => {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true)
  return isMap(node) ? node : null
}

const memberOf = (map: YAMLMap, key: PathSegment): Member | undefined =>
  map.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key)) as
    Member | undefined

/** Where a member's text ends: after its value, or after its key when it has none. */
const memberEnd = (member: Member): number =>
  member.value === null ? range(member.key)[1] : range(member.value)[1]

/** Appends `"key": value` to an object, laid out like its last member. */
const insertMember = (text: string, map: YAMLMap, key: string, value: unknown): TextEdit => {
  const member = `${JSON.stringify(key)}: ${JSON.stringify(value)}`
  const [open, close] = range(map)
  const last = map.items[map.items.length - 1] as Member | undefined
  if (last === undefined) {
    // `{}` or `{ }`: the member goes inside the braces.
    const brace = text.lastIndexOf('}', close - 1)
    return { start: open + 1, end: brace, text: member }
  }
  const keyStart = range(last.key)[0]
  const end = memberEnd(last)
  const sameLine = lineStart(text, keyStart) <= open
  const indent = text.slice(lineStart(text, keyStart), keyStart)
  const separator = sameLine || /\S/.test(indent) ? ', ' : `,\n${indent}`
  return { start: end, end, text: `${separator}${member}` }
}

/** The edit that makes `path` hold `value`, creating missing objects as one nested member. */
export const setJsonEdit = (
  text: string,
  doc: Document,
  path: readonly PathSegment[],
  value: unknown,
): TextEdit => {
  let depth = path.length - 1
  while (depth > 0 && mapAt(doc, path.slice(0, depth)) === null) {
    if (doc.hasIn(path.slice(0, depth))) {
      throw new YamlEditError(`${path.slice(0, depth).join('.')} is not an object`)
    }
    depth--
  }
  const map = mapAt(doc, path.slice(0, depth))
  if (map === null) throw new YamlEditError('the JSON document is not an object')
  const key = path[depth] ?? ''
  const existing = memberOf(map, key)
  if (existing !== undefined && existing.value !== null && depth === path.length - 1) {
    const [start, end] = range(existing.value)
    return { start, end, text: JSON.stringify(value) }
  }
  if (existing !== undefined) throw new YamlEditError(`${String(key)} cannot be edited in place`)
  return insertMember(text, map, String(key), nest(path.slice(depth + 1), value))
}

/** The edit that deletes `path` with one comma; an object it empties goes too, as removeIn does. */
export const removeJsonEdit = (
  text: string,
  doc: Document,
  path: readonly PathSegment[],
): TextEdit | null => {
  const map = mapAt(doc, path.slice(0, -1))
  const member = map === null ? undefined : memberOf(map, path[path.length - 1] ?? '')
  if (map === null || member === undefined) return null
  if (map.items.length === 1 && path.length > 1) return removeJsonEdit(text, doc, path.slice(0, -1))
  const index = map.items.indexOf(member)
  const start = range(member.key)[0]
  const end = memberEnd(member)
  const next = map.items[index + 1] as Member | undefined
  if (next !== undefined) return { start, end: range(next.key)[0], text: '' }
  const previous = map.items[index - 1] as Member | undefined
  if (previous !== undefined) return { start: memberEnd(previous), end, text: '' }
  return { start, end, text: '' }
}

/** Re-parses `after` as strict JSON and checks it holds exactly `expected`. */
export const verifyJsonEdit = (after: string, expected: unknown): void => {
  let parsed: unknown
  try {
    parsed = JSON.parse(after)
  } catch {
    throw new YamlEditError('the edit broke the JSON')
  }
  if (JSON.stringify(parsed) !== JSON.stringify(expected ?? {})) {
    throw new YamlEditError('the edited file does not hold the intended values')
  }
}
