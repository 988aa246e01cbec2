/**
 * A few lines of source around a finding, values of secret-bearing lines masked (redact/lines.ts), so a
 * code frame can never carry a secret into a report, log or CI annotation.
 */
import type { SourceLocation } from '../engine/finding.ts'
import { maskLine } from '../redact/lines.ts'

export interface FrameLine {
  readonly number: number
  readonly text: string
  readonly marked: boolean
}

const CONTEXT = 1
const MAX_LINES = 8

/** A YAML node's range ends at column 1 of the next line; that line is not part of it. */
const lastLine = (l: SourceLocation): number => {
  const end = l.endLine ?? l.line
  return end > l.line && l.endColumn === 1 ? end - 1 : end
}

export const frameLines = (text: string, location: SourceLocation): FrameLine[] => {
  const lines = text.split(/\r?\n/)
  if (lines.at(-1) === '') lines.pop()
  const last = Math.min(lastLine(location), location.line + MAX_LINES - 1)
  const from = Math.max(1, location.line - CONTEXT)
  const to = Math.min(lines.length, last + CONTEXT)
  const out: FrameLine[] = []
  for (let n = from; n <= to; n++) {
    out.push({
      number: n,
      text: maskLine(lines, n - 1),
      marked: n >= location.line && n <= last,
    })
  }
  return out
}

/** Plain-text frame: `> 12 | lifespan: 720h` with a caret under the column of the first line. */
export const codeFrame = (
  text: string,
  location: SourceLocation,
  style: { readonly mark: (s: string) => string; readonly gutter: (s: string) => string } = {
    mark: (s) => s,
    gutter: (s) => s,
  },
): string[] => {
  const lines = frameLines(text, location)
  const width = String(lines.at(-1)?.number ?? location.line).length
  const out: string[] = []
  for (const l of lines) {
    const gutter = `${l.marked ? '>' : ' '} ${String(l.number).padStart(width)} |`
    out.push(`${style.gutter(gutter)}${l.text === '' ? '' : ' '}${l.text}`)
    if (l.number === location.line && location.column > 0) {
      const pad = ' '.repeat(location.column)
      out.push(`${style.gutter(`  ${' '.repeat(width)} |`)}${pad}${style.mark('^')}`)
    }
  }
  return out
}
