/**
 * `.env` files as docker compose and most process managers read them: `NAME=value`, optional
 * `export `, `#` comments, single quotes literal, double quotes with escapes, unquoted values
 * trimmed and cut at ` #`.
 */
import type { SourceLocation } from '../engine/finding.ts'
import { AegisError } from '../errors.ts'

export interface EnvLine {
  readonly name: string
  readonly value: string
  readonly location: SourceLocation
  /** Double-quoted or unquoted values take part in interpolation; single-quoted do not. */
  readonly interpolate: boolean
}

const unescape = (text: string): string =>
  text.replace(/\\([nrt"\\$])/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
  )

export const parseEnvFile = (text: string, file: string): EnvLine[] => {
  const out: EnvLine[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (/^\s*(#.*)?$/.test(line)) continue
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/.exec(line)
    if (m === null) {
      throw new AegisError('AEGIS_PARSE', 'expected NAME=value', {
        position: { file, line: i + 1, column: 1 },
      })
    }
    const name = m[2] ?? ''
    const column = m[0].length + 1
    let rest = line.slice(m[0].length)
    let value: string
    let interpolate = true
    const quote = rest[0]
    if (quote === '"' || quote === "'") {
      // A quoted value may span lines.
      let body = rest.slice(1)
      let end = findClosing(body, quote)
      const startLine = i
      while (end === -1 && i + 1 < lines.length) {
        i++
        body += `\n${lines[i] ?? ''}`
        end = findClosing(body, quote)
      }
      if (end === -1) {
        throw new AegisError('AEGIS_PARSE', `unterminated ${quote} quote`, {
          position: { file, line: startLine + 1, column },
        })
      }
      value = quote === '"' ? unescape(body.slice(0, end)) : body.slice(0, end)
      interpolate = quote === '"'
      out.push({ name, value, interpolate, location: { file, line: startLine + 1, column } })
      continue
    }
    rest = rest.replace(/\s+#.*$/, '')
    value = rest.trim()
    out.push({ name, value, interpolate, location: { file, line: i + 1, column } })
  }
  return out
}

const findClosing = (text: string, quote: string): number => {
  for (let i = 0; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++
    else if (text[i] === quote) return i
  }
  return -1
}
