/**
 * TOML through smol-toml, which gives values but no positions; positions come from a light scan
 * of the text (table headers, array-of-table counters, dotted and quoted keys). Values the scan
 * cannot place (inline tables, items of multi-line arrays) inherit their parent's position.
 */
import { parse, TomlError } from 'smol-toml'
import type { SourceLocation } from '../engine/finding.ts'
import { AegisError } from '../errors.ts'
import { depthOf, joinPath, type Tree } from './tree.ts'
import { maxDepth } from './yaml-source.ts'

export const parseToml = (text: string, file: string): Tree => {
  let value: unknown
  try {
    value = parse(text)
  } catch (error) {
    if (error instanceof TomlError) {
      const message = (error.message.split('\n')[0] ?? error.message).replace(
        /^Invalid TOML document: /,
        '',
      )
      const code = /excessively nested/.test(message) ? 'AEGIS_TOO_DEEP' : 'AEGIS_PARSE'
      const position = { file, line: error.line, column: error.column }
      if (/redefine/.test(message))
        throw new AegisError('AEGIS_DUPLICATE_KEY', message, { position })
      throw new AegisError(code, message, { position })
    }
    throw new AegisError('AEGIS_PARSE', String(error), { position: { file } })
  }
  if (depthOf(value) > maxDepth) {
    throw new AegisError('AEGIS_TOO_DEEP', `values nest deeper than ${maxDepth} levels`, {
      position: { file },
    })
  }
  return value as Tree
}

/** Splits a TOML key (`a."b.c".d`) into its segments; undefined if it is not a key. */
export const splitTomlKey = (text: string): string[] | undefined => {
  const out: string[] = []
  let rest = text.trim()
  while (rest.length > 0) {
    const m = /^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*/.exec(rest)
    if (m === null) return undefined
    out.push(m[1] ?? m[2] ?? m[3] ?? '')
    rest = rest.slice(m[0].length)
    if (rest.length === 0) break
    if (!rest.startsWith('.')) return undefined
    rest = rest.slice(1).trimStart()
  }
  return out.length > 0 ? out : undefined
}

/** Net bracket depth change of a value fragment, ignoring brackets inside strings and comments. */
const bracketDelta = (text: string): number => {
  let depth = 0
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++
      else if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === '#') break
    else if (c === '[' || c === '{') depth++
    else if (c === ']' || c === '}') depth--
  }
  return depth
}

const keyEquals = /^(\s*)((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=\s*/

export const tomlPositions = (text: string, file: string): Map<string, SourceLocation> => {
  const out = new Map<string, SourceLocation>()
  const arrayCounters = new Map<string, number>()
  let table = ''
  let skipUntil: RegExp | undefined
  let openBrackets = 0
  text.split(/\r?\n/).forEach((line, i) => {
    const lineNo = i + 1
    if (skipUntil !== undefined) {
      if (skipUntil.test(line)) skipUntil = undefined
      return
    }
    if (openBrackets > 0) {
      openBrackets += bracketDelta(line)
      return
    }
    const header = /^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$/.exec(line)
    if (header !== null) {
      const segments = splitTomlKey(header[2] ?? '')
      if (segments === undefined) return
      let path = segments.join('.')
      if (header[1] === '[[') {
        const n = arrayCounters.get(path) ?? 0
        arrayCounters.set(path, n + 1)
        path = joinPath(path, n)
      }
      table = path
      const column = line.indexOf('[') + 1
      out.set(path, { file, line: lineNo, column })
      return
    }
    const m = keyEquals.exec(line)
    if (m === null) return
    const segments = splitTomlKey(m[2] ?? '')
    if (segments === undefined) return
    const path = segments.reduce(joinPath, table)
    const valueText = line.slice(m[0].length)
    out.set(path, {
      file,
      line: lineNo,
      column: m[0].length + 1,
      endLine: lineNo,
      endColumn: line.length + 1,
    })
    const triple = /^("""|''')/.exec(valueText)
    if (triple !== null && valueText.indexOf(triple[1] ?? '', 3) === -1) {
      skipUntil = triple[1] === '"""' ? /"""/ : /'''/
      return
    }
    openBrackets = Math.max(0, bracketDelta(valueText))
  })
  return out
}
