/**
 * SARIF `fixes` (§3.55): a replacement of the offending value where the finding has a location and
 * its fix sets that very key to a scalar; otherwise the fix is described in result properties, since
 * a SARIF fix must carry at least one artifactChange. Secret-generating fixes never carry a value.
 */
import type { Finding, SourceLocation } from '../engine/finding.ts'

export interface SarifReplacement {
  readonly deletedRegion: {
    readonly startLine: number
    readonly startColumn: number
    readonly endLine: number
    readonly endColumn: number
  }
  readonly insertedContent: { readonly text: string }
}

const plainYaml = /^[A-Za-z0-9_./@+-][A-Za-z0-9_.:/@+-]*$/
const yamlSpecial = /^(true|false|yes|no|on|off|null|~|[-+]?[0-9.]+(e[-+]?[0-9]+)?)$/i

const isEnvFile = (file: string): boolean => /(^|[\\/])\.env([.-][^\\/]*)?$|\.env$/.test(file)

export const scalarText = (value: unknown, file: string): string | undefined => {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value)
  if (typeof value !== 'string') return undefined
  if (isEnvFile(file)) return value
  return plainYaml.test(value) && !yamlSpecial.test(value) ? value : JSON.stringify(value)
}

const listValueText = (value: unknown): string | undefined => {
  const text = typeof value === 'string' ? value : scalarText(value, '.env')
  return text !== undefined && /^[A-Za-z0-9_./@+:-]*$/.test(text) ? text : undefined
}

/** Columns [start, end) of the value on a `key: value` or `KEY=value` line, comment excluded. */
export const valueSpan = (line: string): { start: number; end: number } | undefined => {
  const sep = /^\s*(?:-\s+)?(?:export\s+)?["']?[A-Za-z0-9_.$/-]+["']?\s*(:\s|=)\s*/.exec(line)
  if (sep === null) return undefined
  const rest = line.slice(sep[0].length)
  const comment = /\s+#/.exec(rest)
  const value = (comment === null ? rest : rest.slice(0, comment.index)).trimEnd()
  if (value === '' || value === '|' || value === '>') return undefined
  return { start: sep[0].length + 1, end: sep[0].length + value.length + 1 }
}

type Region = SarifReplacement['deletedRegion']

/**
 * A compose `environment:` list entry is one scalar, `KEY=value` (or quoted): its location spans
 * the whole entry, while the fix replaces the value only (QA M7: `- false` is not an entry).
 */
const composeListValue = (region: Region, text: string | undefined): Region | undefined => {
  const entry = text?.slice(region.startColumn - 1, region.endColumn - 1)
  const m = entry === undefined ? null : /^(["']?)[A-Za-z_][A-Za-z0-9_.-]*=/.exec(entry)
  if (entry === undefined || m === null) return undefined
  const quote = m[1] ?? ''
  const closed = quote !== '' && entry.length > m[0].length && entry.endsWith(quote)
  return {
    ...region,
    startColumn: region.startColumn + m[0].length,
    endColumn: region.endColumn - (closed ? 1 : 0),
  }
}

/** `text` is the location's line of the source, when the source is known. */
const regionOf = (
  location: SourceLocation,
  text: string | undefined,
  composeList: boolean,
): Region | undefined => {
  const { line, column, endLine, endColumn } = location
  if (endColumn !== undefined && (endLine ?? line) === line && endColumn > column) {
    const region = { startLine: line, startColumn: column, endLine: line, endColumn }
    return composeList ? composeListValue(region, text) : region
  }
  if (composeList) return undefined
  const span = text === undefined ? undefined : valueSpan(text)
  return span === undefined
    ? undefined
    : { startLine: line, startColumn: span.start, endLine: line, endColumn: span.end }
}

export const fixReplacement = (
  f: Finding,
  sources: ReadonlyMap<string, { readonly text: string }> | undefined,
): SarifReplacement | undefined => {
  const edit = f.fix?.edits.length === 1 ? f.fix.edits[0] : undefined
  if (f.location === null || edit?.op !== 'set' || edit.key !== f.key) return undefined
  // Split once per finding: regionOf reads the same line.
  const line = sources?.get(f.location.file)?.text.split(/\r?\n/)[f.location.line - 1]
  // `- KEY=value`: a sequence item whose scalar is an assignment (compose list form).
  const composeList =
    f.origin === 'compose' && /^\s*-\s+["']?[A-Za-z_][A-Za-z0-9_.-]*=/.test(line ?? '')
  // Inside `KEY=value` the value is taken literally up to the line's end: no YAML quoting, and
  // values that would need it get no machine fix.
  const text = composeList ? listValueText(edit.value) : scalarText(edit.value, f.location.file)
  const region = regionOf(f.location, line, composeList)
  return text === undefined || region === undefined
    ? undefined
    : { deletedRegion: region, insertedContent: { text } }
}
