/**
 * A unified diff (the `diff -u` format read by `patch` and `git apply`) of two texts, line based,
 * three lines of context. An LCS table is plenty for configuration files; past the size limit the
 * whole file is shown as replaced rather than spending quadratic time.
 */
import { maskLine } from '../redact/lines.ts'
import type { Redactor } from '../redact/redactor.ts'

const CONTEXT = 3
const MAX_CELLS = 4_000_000

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string; readonly at?: number }

const splitLines = (text: string): string[] => {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

const script = (a: readonly string[], b: readonly string[]): Op[] => {
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...a.map((line) => ({ kind: '-' as const, line })),
      ...b.map((line) => ({ kind: '+' as const, line })),
    ]
  }
  const w = b.length + 1
  const lcs = new Uint32Array((a.length + 1) * w)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0)
    }
  }
  const ops: Op[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] ?? '', at: i++ })
      j++
    } else if (
      i < a.length &&
      (j >= b.length || (lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0))
    ) {
      ops.push({ kind: '-', line: a[i++] ?? '' })
    } else {
      ops.push({ kind: '+', line: b[j++] ?? '' })
    }
  }
  return ops
}

const header = (start: number, count: number): string =>
  count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`

/**
 * `context` shows an unchanged line (given the old lines and its index): the changed lines are the
 * caller's own edits, the context is whatever the file held around them.
 */
export const unifiedDiff = (
  before: string,
  after: string,
  file: string,
  context: (lines: readonly string[], index: number) => string = (lines, index) =>
    lines[index] ?? '',
): string => {
  if (before === after) return ''
  const a = splitLines(before)
  const ops = script(a, splitLines(after))
  const changed = ops.map((op, k) => (op.kind === ' ' ? -1 : k)).filter((k) => k >= 0)
  const out = [`--- a/${file}`, `+++ b/${file}`]
  let k = 0
  while (k < changed.length) {
    const first = changed[k] ?? 0
    let last = first
    k++
    while (k < changed.length && (changed[k] ?? 0) - last <= 2 * CONTEXT) {
      last = changed[k] ?? last
      k++
    }
    const from = Math.max(0, first - CONTEXT)
    const to = Math.min(ops.length, last + CONTEXT + 1)
    const before1 = ops.slice(0, from).filter((o) => o.kind !== '+').length
    const after1 = ops.slice(0, from).filter((o) => o.kind !== '-').length
    const hunk = ops.slice(from, to)
    const aCount = hunk.filter((o) => o.kind !== '+').length
    const bCount = hunk.filter((o) => o.kind !== '-').length
    out.push(`@@ -${header(before1 + 1, aCount)} +${header(after1 + 1, bCount)} @@`)
    for (const op of hunk)
      out.push(`${op.kind}${op.at === undefined ? op.line : context(a, op.at)}`)
  }
  return `${out.join('\n')}\n`
}

/**
 * The diff as fix and rotate print it: every line through `hide` (the run's labelled redactor),
 * and a context line it leaves alone masked as report code frames are when it sits under a
 * secret-bearing key (an env file's POSTGRES_PASSWORD, which no Kratos key names).
 */
export const redactedDiff = (before: string, after: string, file: string, hide: Redactor): string =>
  hide.text(
    unifiedDiff(before, after, file, (lines, index) => {
      const line = lines[index] ?? ''
      const known = hide.text(line)
      return known !== line ? known : maskLine(lines, index)
    }),
  )
