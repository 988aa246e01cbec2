/**
 * Edits in the places that hand Kratos environment variables: a compose service's `environment:`
 * (list `- NAME=value` or map `NAME: value`) and `.env` files. Values take the form Kratos casts
 * from env (FACTS.md §3): strings raw, booleans and numbers as text, arrays and objects as JSON.
 */
import { isPair, isScalar, isSeq, visit, type Node } from 'yaml'
import { applyEdits, parseYaml, renderInline, YamlEditError } from './yaml-edit.ts'

export const envValue = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : JSON.stringify(value)

const offsetOf = (text: string, line: number, column: number): number => {
  let offset = 0
  for (let i = 1; i < line; i++) offset = text.indexOf('\n', offset) + 1
  return offset + column - 1
}

const lineSpan = (text: string, start: number, end: number): [number, number] => {
  const s = text.lastIndexOf('\n', start - 1) + 1
  const nl = text.indexOf('\n', Math.max(end - 1, s))
  return [s, nl < 0 ? text.length : nl + 1]
}

interface EnvEntry {
  readonly node: Node
  readonly listForm: boolean
}

/** The compose `environment` entry at a position (the loader's location of the env var). */
const entryAt = (text: string, line: number, column: number): EnvEntry => {
  const doc = parseYaml(text)
  const at = offsetOf(text, line, column)
  const hits: EnvEntry[] = []
  visit(doc, {
    Pair: (_key, pair, path) => {
      const parent = path[path.length - 1]
      if (!isPair(pair) || !isScalar(pair.key) || parent === undefined) return
      const hit = pair.key.range?.[0] === at || (pair.value as Node | null)?.range?.[0] === at
      if (hit && pair.value) hits.push({ node: pair.value as Node, listForm: false })
    },
    Scalar: (_key, node, path) => {
      const parent = path[path.length - 1]
      if (node.range?.[0] === at && parent !== undefined && isSeq(parent))
        hits.push({ node, listForm: true })
    },
  })
  const found = hits[0]
  if (found === undefined)
    throw new YamlEditError(`no environment entry at line ${line}, column ${column}`)
  return found
}

export const setComposeEnv = (
  text: string,
  line: number,
  column: number,
  name: string,
  value: unknown,
): string => {
  const entry = entryAt(text, line, column)
  const range = entry.node.range
  if (!range) throw new YamlEditError('environment entry without position')
  const rendered = renderInline(entry.listForm ? `${name}=${envValue(value)}` : envValue(value))
  const after = applyEdits(text, [{ start: range[0], end: range[1], text: rendered }])
  if (parseYaml(after).errors.length > 0) throw new YamlEditError('the edit broke the compose file')
  return after
}

export const removeComposeEnv = (text: string, line: number, column: number): string => {
  const entry = entryAt(text, line, column)
  const range = entry.node.range
  if (!range) throw new YamlEditError('environment entry without position')
  const [start, end] = lineSpan(text, range[0], range[2])
  return applyEdits(text, [{ start, end, text: '' }])
}

/** dotenv quoting: bare when plain, single quotes otherwise (JSON arrays keep their quotes). */
const dotenvQuote = (v: string): string =>
  /^[A-Za-z0-9_./:@,+-]*$/.test(v) ? v : v.includes("'") ? JSON.stringify(v) : `'${v}'`

export const setEnvFileLine = (
  text: string,
  line: number,
  name: string,
  value: unknown,
): string => {
  const lines = text.split('\n')
  if (lines[line - 1] === undefined) throw new YamlEditError(`no line ${line}`)
  const prefix = /^\s*export\s+/.test(lines[line - 1] ?? '') ? 'export ' : ''
  lines[line - 1] = `${prefix}${name}=${dotenvQuote(envValue(value))}`
  return lines.join('\n')
}

export const removeEnvFileLine = (text: string, line: number): string =>
  text
    .split('\n')
    .filter((_, i) => i !== line - 1)
    .join('\n')
