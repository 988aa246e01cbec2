/**
 * Checks one value against its resolved model node: type, enum, pattern, lengths, ranges, items.
 * Messages never quote the value of a secret key.
 */
import type { ResolvedNode } from './compile.ts'
import type { KeyType } from './types.ts'
import { isSchemaDuration } from './duration.ts'

export interface ValidationProblem {
  readonly key: string
  readonly severity: 'fatal' | 'ignored' | 'warning'
  readonly code: string
  readonly message: string
  readonly suggestion?: string
}

export const jsonType = (value: unknown): KeyType => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'string') return 'string'
  return 'object'
}

const typeMatches = (actual: KeyType, expected: KeyType | readonly KeyType[]): boolean => {
  // Nearly every node names one type: compared directly, not through a one-item array per value.
  if (typeof expected === 'string')
    return actual === expected || (actual === 'integer' && expected === 'number')
  return expected.includes(actual) || (actual === 'integer' && expected.includes('number'))
}

const show = (node: ResolvedNode, value: unknown): string => {
  if (node.secret === true) return 'the value'
  const text = JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

const fatal = (
  key: string,
  code: string,
  message: string,
  suggestion?: string,
): ValidationProblem =>
  suggestion === undefined
    ? { key, severity: 'fatal', code, message }
    : { key, severity: 'fatal', code, message, suggestion }

/** Suggestion for a Go-invalid duration such as `1d` or `30 days`. */
const durationHint = (text: string): string => {
  const days = /^(\d+)\s*d(ays?)?$/i.exec(text)
  if (days?.[1] !== undefined)
    return `Write \`${Number(days[1]) * 24}h\`: Go durations have no day unit.`
  return 'Use a Go duration such as `24h`, `30m` or `1h30m` (units ns, us, ms, s, m, h; no spaces, no decimals).'
}

const typeProblem = (key: string, node: ResolvedNode, value: unknown): ValidationProblem => {
  const actual = jsonType(value)
  const expected = typeof node.type === 'string' ? node.type : node.type.join(' or ')
  // FACTS.md §1.1: `secure` is a string in the schema; an unquoted YAML boolean fails validation.
  if (/(^|\.)(secure)$/.test(key) && actual === 'boolean' && expected === 'string') {
    return fatal(
      key,
      'secure-not-string',
      `\`${key}\` must be a string, but it is the boolean ${String(value)}`,
      `Quote it: \`secure: "${String(value)}"\` (or set it through the environment).`,
    )
  }
  return fatal(key, 'wrong-type', `\`${key}\` must be ${expected}, got ${actual}`)
}

/** JSON Schema string lengths count code points (Go: utf8.RuneCountInString). */
const codePoints = (text: string): number => {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0xd800 || unit > 0xdbff) count++
  }
  return count
}

/**
 * Kratos' JSON Schema validator asserts formats (draft-07): `uri` must be absolute (it has a
 * scheme), `email` must be an address. Only clear failures are reported.
 */
const formatProblem = (
  key: string,
  node: ResolvedNode,
  value: string,
): ValidationProblem | undefined => {
  if (node.format === 'uri' && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) {
    return fatal(key, 'format', `\`${key}\` must be an absolute URI: ${show(node, value)}`)
  }
  if (node.format === 'email' && !/^[^@\s]+@[^@\s]+$/.test(value)) {
    return fatal(key, 'format', `\`${key}\` must be an e-mail address: ${show(node, value)}`)
  }
  return undefined
}

/** The model has a few dozen patterns; each is compiled once, not once per value checked. */
const patterns = new Map<string, RegExp>()
const compiledPattern = (pattern: string): RegExp => {
  let re = patterns.get(pattern)
  if (re === undefined) {
    re = new RegExp(pattern, 'u')
    patterns.set(pattern, re)
  }
  return re
}

const stringProblems = (
  key: string,
  node: ResolvedNode,
  value: string,
  out: ValidationProblem[],
): void => {
  // Counting code points walks the whole string: only for the few keys with a length bound.
  const length =
    node.minLength === undefined && node.maxLength === undefined ? 0 : codePoints(value)
  if (node.minLength !== undefined && length < node.minLength) {
    const what =
      node.maxLength === node.minLength ? `exactly ${node.minLength}` : `at least ${node.minLength}`
    out.push(
      fatal(key, 'too-short', `\`${key}\` must be ${what} characters long (it has ${length})`),
    )
  }
  if (node.maxLength !== undefined && length > node.maxLength) {
    const what =
      node.maxLength === node.minLength ? `exactly ${node.maxLength}` : `at most ${node.maxLength}`
    out.push(
      fatal(key, 'too-long', `\`${key}\` must be ${what} characters long (it has ${length})`),
    )
  }
  const format = formatProblem(key, node, value)
  if (format !== undefined) out.push(format)
  if (node.pattern !== undefined && !compiledPattern(node.pattern).test(value)) {
    if (node.duration === true && !isSchemaDuration(value)) {
      out.push(
        fatal(
          key,
          'bad-duration',
          `\`${key}\` is not a valid duration: ${show(node, value)}`,
          durationHint(value),
        ),
      )
    } else if (node.duration !== true) {
      out.push(
        fatal(key, 'pattern', `\`${key}\` does not match ${node.pattern}: ${show(node, value)}`),
      )
    } else {
      out.push(
        fatal(key, 'bad-duration', `\`${key}\` is not a valid duration: ${show(node, value)}`),
      )
    }
  }
}

const enumProblem = (
  key: string,
  node: ResolvedNode,
  value: unknown,
): ValidationProblem | undefined => {
  if (node.enum === undefined || node.enum.includes(value)) return undefined
  const folded =
    typeof value === 'string'
      ? node.enum.find(
          (e): e is string => typeof e === 'string' && e.toLowerCase() === value.toLowerCase(),
        )
      : undefined
  const allowed = node.enum.map((e) => JSON.stringify(e)).join(', ')
  return fatal(
    key,
    'enum',
    `\`${key}\` must be one of ${allowed}, got ${show(node, value)}`,
    folded === undefined ? undefined : `The values are case-sensitive: write \`${folded}\`.`,
  )
}

const numberProblems = (
  key: string,
  node: ResolvedNode,
  value: number,
  out: ValidationProblem[],
): void => {
  if (node.minimum !== undefined && value < node.minimum) {
    out.push(
      fatal(key, 'out-of-range', `\`${key}\` must be at least ${node.minimum}, got ${value}`),
    )
  }
  if (node.maximum !== undefined && value > node.maximum) {
    out.push(fatal(key, 'out-of-range', `\`${key}\` must be at most ${node.maximum}, got ${value}`))
  }
}

const arrayProblems = (
  key: string,
  node: ResolvedNode,
  value: readonly unknown[],
  out: ValidationProblem[],
): void => {
  if (node.minItems !== undefined && value.length < node.minItems) {
    out.push(
      fatal(
        key,
        'too-few-items',
        `\`${key}\` needs at least ${node.minItems} item(s), got ${value.length}`,
      ),
    )
  }
  if (node.maxItems !== undefined && value.length > node.maxItems) {
    out.push(fatal(key, 'too-many-items', `\`${key}\` allows at most ${node.maxItems} item(s)`))
  }
  if (node.uniqueItems === true) {
    const seen = new Set(value.map((v) => JSON.stringify(v)))
    if (seen.size < value.length)
      out.push(fatal(key, 'duplicate-items', `\`${key}\` lists the same item twice`))
  }
}

/**
 * Adds the problems of a scalar or the array itself to `out` (children are walked by the
 * caller); true when the value has the wrong type, so its children are not to be walked. The
 * tree walk passes one array down instead of collecting a new one for every value.
 */
export const addValueProblems = (
  key: string,
  node: ResolvedNode,
  value: unknown,
  out: ValidationProblem[],
): boolean => {
  if (!typeMatches(jsonType(value), node.type)) {
    out.push(typeProblem(key, node, value))
    return true
  }
  const bad = enumProblem(key, node, value)
  if (bad !== undefined) out.push(bad)
  if (typeof value === 'string') stringProblems(key, node, value, out)
  if (typeof value === 'number') numberProblems(key, node, value, out)
  if (Array.isArray(value)) arrayProblems(key, node, value, out)
  return false
}

/** Problems of a scalar or the array itself (children are walked by the caller). */
export const valueProblems = (
  key: string,
  node: ResolvedNode,
  value: unknown,
): ValidationProblem[] => {
  const out: ValidationProblem[] = []
  addValueProblems(key, node, value, out)
  return out
}
