/**
 * Baselines: "don't make it worse" gating (STANDARDS.md §3). An entry is rule + key + a
 * fingerprint of the value, never a line number, so unrelated edits do not churn the file.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { AegisError } from '../errors.ts'
import type { Finding } from './finding.ts'

export const baselineVersion = 1

export interface BaselineEntry {
  readonly ruleId: string
  readonly key: string
  readonly fingerprint: string
}

export interface BaselineFile {
  readonly version: number
  readonly tool: string
  readonly findings: readonly BaselineEntry[]
}

/** The finding's own fingerprint (rule + key + value, set upstream), else one from its wording. */
export const fingerprintOf = (f: Finding): string =>
  f.fingerprint ??
  createHash('sha256').update(`${f.ruleId}\n${f.key}\n${f.message}`).digest('hex').slice(0, 16)

const entryId = (e: BaselineEntry): string => `${e.ruleId}\u0000${e.key}\u0000${e.fingerprint}`

export const entryOf = (f: Finding): BaselineEntry => ({
  ruleId: f.ruleId,
  key: f.key,
  fingerprint: fingerprintOf(f),
})

const isEntry = (v: unknown): v is BaselineEntry =>
  typeof v === 'object' &&
  v !== null &&
  ['ruleId', 'key', 'fingerprint'].every(
    (k) => typeof (v as Record<string, unknown>)[k] === 'string',
  )

export const parseBaseline = (text: string, file: string): ReadonlySet<string> => {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new AegisError('AEGIS_BASELINE_INVALID', 'the baseline is not valid JSON', {
      position: { file },
      cause: error,
    })
  }
  const findings = (data as { findings?: unknown } | null)?.findings
  if (!Array.isArray(findings) || !findings.every(isEntry)) {
    throw new AegisError(
      'AEGIS_BASELINE_INVALID',
      'the baseline must be {"version":1,"findings":[{"ruleId","key","fingerprint"}…]}',
      { position: { file }, hint: 'recreate it with --update-baseline' },
    )
  }
  return new Set(findings.map(entryId))
}

export const readBaseline = async (file: string): Promise<ReadonlySet<string>> => {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new AegisError('AEGIS_FILE_NOT_FOUND', 'the baseline file cannot be read', {
      position: { file },
      hint: 'create it with --update-baseline',
      cause: error,
    })
  }
  return parseBaseline(text, file)
}

/** Findings not recorded in the baseline. */
export const filterByBaseline = (
  findings: readonly Finding[],
  baseline: ReadonlySet<string>,
): Finding[] => findings.filter((f) => !baseline.has(entryId(entryOf(f))))

/** The file content for the active findings, sorted and de-duplicated so diffs stay small. */
export const serializeBaseline = (findings: readonly Finding[], tool: string): string => {
  const unique = new Map<string, BaselineEntry>()
  for (const f of findings) if (f.suppressed === null) unique.set(entryId(entryOf(f)), entryOf(f))
  const entries = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const file: BaselineFile = { version: baselineVersion, tool, findings: entries.map(([, e]) => e) }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** Write-then-rename in the same directory, so a crash never leaves a half-written file. */
export const writeFileAtomic = async (file: string, text: string): Promise<void> => {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(tmp, text, 'utf8')
    await rename(tmp, file)
  } catch (error) {
    await rm(tmp, { force: true })
    throw new AegisError('AEGIS_WRITE_FAILED', 'cannot write the file', {
      position: { file },
      cause: error,
    })
  }
}
