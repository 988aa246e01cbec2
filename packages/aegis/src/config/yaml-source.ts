/**
 * YAML and JSON through the `yaml` package: the Document is kept (fix edits it with comments
 * preserved) and every node's 1-based line and column is recorded. JSON is parsed as YAML 1.2,
 * of which it is a subset, so both get the same positions and errors.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml'
import { AegisError, type ErrorCode } from '../errors.ts'
import type { SourceLocation } from '../engine/finding.ts'
import { depthOf, joinPath, type Tree } from './tree.ts'
import { jsonProblem } from './json-error.ts'

/** Billion-laughs guard: Kubernetes and Helm files use few anchors (CWE-776). */
export const maxAliasCount = 100
/** Kratos configs nest about eight levels; anything far deeper is hostile or broken. */
export const maxDepth = 64

export interface YamlText {
  readonly documents: readonly Document[]
  readonly lineCounter: LineCounter
}

const codeFor = (error: YAMLError): ErrorCode => {
  if (error.code === 'DUPLICATE_KEY') return 'AEGIS_DUPLICATE_KEY'
  if (error.code === 'RESOURCE_EXHAUSTION') return 'AEGIS_TOO_DEEP'
  return 'AEGIS_PARSE'
}

const firstLine = (message: string): string =>
  (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')

export const yamlError = (file: string, error: YAMLError): AegisError => {
  const pos = error.linePos?.[0]
  const position = pos === undefined ? { file } : { file, line: pos.line, column: pos.col }
  return new AegisError(codeFor(error), firstLine(error.message), { position })
}

/**
 * YAML accepts what JSON does not (trailing commas, comments, single quotes), but Kratos reads
 * `.json` files with a JSON parser: hold them to JSON.
 */
export const checkStrictJson = (text: string, file: string): void => {
  try {
    JSON.parse(text)
    return
  } catch {
    // V8's message quotes the input around the error (often a secret): never use it.
  }
  const problem = jsonProblem(text)
  if (problem === undefined) {
    throw new AegisError('AEGIS_PARSE', 'not valid JSON: rejected by a JSON parser', {
      position: { file },
    })
  }
  const before = text.slice(0, problem.offset).split('\n')
  const column = (before[before.length - 1]?.length ?? 0) + 1
  throw new AegisError('AEGIS_PARSE', `not valid JSON: ${problem.reason}`, {
    position: { file, line: before.length, column },
  })
}

const unresolvedAlias = 'unresolved YAML alias: no anchor (&name) of that name is defined before it'

/** An alias whose anchor is not defined before it: AEGIS_PARSE at the alias. */
const checkAliases = (document: Document, lineCounter: LineCounter, file: string): void => {
  let unresolved: Alias | undefined
  visit(document, {
    Alias: (_, alias) => {
      if (alias.resolve(document) !== undefined) return undefined
      unresolved = alias
      return visit.BREAK
    },
  })
  if (unresolved === undefined) return
  const start = unresolved.range?.[0]
  const pos = start === undefined ? undefined : lineCounter.linePos(start)
  throw new AegisError('AEGIS_PARSE', unresolvedAlias, {
    position: pos === undefined ? { file } : { file, line: pos.line, column: pos.col },
  })
}

/** Parses one or more YAML documents; throws the first error as an AegisError. */
export const parseYamlText = (text: string, file: string, multi = false): YamlText => {
  const lineCounter = new LineCounter()
  // Go's yaml.v3 (Kratos' koanf parser) and compose both honour `<<` merge keys.
  const options = { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true } as const
  const documents = multi ? parseAllDocuments(text, options) : [parseDocument(text, options)]
  const list = Array.isArray(documents) ? documents : []
  for (const document of list) {
    const error = document.errors[0]
    if (error !== undefined) throw yamlError(file, error)
    // The yaml package accepts `*name` without its anchor and fails only when values are read,
    // with no position (QA N15): say where, before anything reads it. No alias without a `*`.
    if (text.includes('*')) checkAliases(document, lineCounter, file)
  }
  if (/\.json$/i.test(file)) checkStrictJson(text, file)
  return { documents: list, lineCounter }
}

/** The plain value of a node, with alias expansion capped and nesting bounded. */
export const nodeValue = (node: unknown, document: Document, file: string): unknown => {
  let value: unknown
  try {
    value =
      node === document.contents
        ? document.toJS({ maxAliasCount })
        : (node as Node).toJS(document, { maxAliasCount })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/unresolved alias/i.test(message)) {
      throw new AegisError('AEGIS_PARSE', unresolvedAlias, { position: { file } })
    }
    if (/alias/i.test(message)) {
      throw new AegisError(
        'AEGIS_ALIAS_LIMIT',
        `YAML aliases expand more than ${maxAliasCount} times (${message})`,
        { position: { file } },
      )
    }
    throw new AegisError('AEGIS_PARSE', message, { position: { file } })
  }
  if (depthOf(value, maxDepth) > maxDepth) {
    throw new AegisError('AEGIS_TOO_DEEP', `values nest deeper than ${maxDepth} levels`, {
      position: { file },
    })
  }
  return value
}

/** Maps a position inside the parsed text to the position in the real file. */
export type Remap = (line: number, column: number) => { line: number; column: number }
const identity: Remap = (line, column) => ({ line, column })

const locate = (
  file: string,
  lineCounter: LineCounter,
  remap: Remap,
  start: number,
  end: number,
): SourceLocation => {
  const a = lineCounter.linePos(start)
  const b = lineCounter.linePos(end)
  const from = remap(a.line, a.col)
  const to = remap(b.line, b.col)
  return { file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column }
}

/**
 * Positions of every node under `root`, by dotted path. Scalars point at the value; maps,
 * sequences and empty values point at their key, so a finding lands on the line a reader expects.
 */
export const nodePositions = (
  root: unknown,
  lineCounter: LineCounter,
  file: string,
  remap: Remap = identity,
): Map<string, SourceLocation> => {
  const out = new Map<string, SourceLocation>()
  const walk = (node: unknown, keyNode: unknown, path: string): void => {
    const keyRange = isScalar(keyNode) ? keyNode.range : undefined
    const range = (node as Node | null)?.range ?? undefined
    const pointAtValue = isScalar(node) || isAlias(node) || keyRange === undefined
    const start = pointAtValue && range !== undefined ? range[0] : keyRange?.[0]
    const end = range?.[1] ?? keyRange?.[1]
    if (path !== '' && start !== undefined && end !== undefined) {
      out.set(path, locate(file, lineCounter, remap, start, end))
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined
        // Merged-in values (`<<: *base`) take their parent's position via originsFor.
        if (key !== undefined && key !== '<<') walk(pair.value, pair.key, joinPath(path, key))
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, undefined, joinPath(path, i))
      })
    }
  }
  walk(root, undefined, '')
  return out
}

/** A whole document as a configuration tree (the root must be a mapping). */
export const documentTree = (document: Document, file: string): Tree => {
  const value = nodeValue(document.contents, document, file)
  if (value === null || value === undefined) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AegisError('AEGIS_PARSE', 'the top level must be a mapping of keys', {
      position: { file, line: 1, column: 1 },
    })
  }
  return value as Tree
}
