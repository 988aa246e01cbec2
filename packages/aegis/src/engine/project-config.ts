/**
 * The project configuration file, `aegis.config.json` or `aegis.config.yaml` (one config file
 * with a way to show it, the Checkov/Trivy convention in STANDARDS.md §3). Validated against the
 * published schema; errors point at file:line:column.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml'
import { AegisError } from '../errors.ts'
import { closest } from '../kratos/suggest.ts'
import type { Severity } from './finding.ts'
import { checkSchema, type SchemaNode } from './schema-check.ts'

export type FailOn = Severity | 'none'

export interface ProjectConfig {
  readonly profile?: string
  readonly kratosVersion?: string
  readonly inputs?: readonly string[]
  readonly envFiles?: readonly string[]
  readonly failOn?: FailOn
  readonly format?: 'text' | 'json' | 'sarif' | 'junit' | 'markdown' | 'html'
  readonly output?: string
  readonly baseline?: string
  readonly inlineSuppressions?: boolean
  readonly rules?: Readonly<Record<string, Severity | 'off'>>
}

export interface LoadedProjectConfig {
  /** The file read, relative to cwd; null when there is none. */
  readonly file: string | null
  readonly config: ProjectConfig
}

export const projectConfigNames = ['aegis.config.json', 'aegis.config.yaml', 'aegis.config.yml']

export const schemaUrl = new URL('../../schema/aegis.config.schema.json', import.meta.url)

let schemaCache: SchemaNode | undefined
const loadSchema = async (): Promise<SchemaNode> =>
  (schemaCache ??= JSON.parse(await readFile(schemaUrl, 'utf8')) as SchemaNode)

const pathSettings = ['inputs', 'envFiles', 'output', 'baseline'] as const

/** Relative paths in the file are relative to the file's directory; we hand them out cwd-relative. */
const rebase = (config: ProjectConfig, configDir: string, cwd: string): ProjectConfig => {
  const fix = (p: string): string => relative(cwd, resolve(configDir, p)) || '.'
  const out: Record<string, unknown> = { ...config }
  for (const k of pathSettings) {
    const v = config[k]
    if (typeof v === 'string') out[k] = fix(v)
    else if (Array.isArray(v)) out[k] = v.map((p: string) => fix(p))
  }
  return out
}

/** Offset of the value at `path`, or of its key when the key itself is the problem. */
const offsetOf = (
  doc: Document,
  path: readonly (string | number)[],
  atKey: boolean,
): number | undefined => {
  if (path.length === 0) return doc.contents?.range?.[0]
  if (atKey) {
    const parent: unknown = doc.getIn(path.slice(0, -1), true) ?? doc.contents
    const pair = isMap(parent)
      ? parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1))
      : undefined
    if (isNode(pair?.key)) return pair.key.range?.[0]
  }
  const node: unknown = doc.getIn(path, true)
  return isNode(node) ? node.range?.[0] : undefined
}

const toPosition = (file: string, pos: { line: number; col: number }) => ({
  file,
  line: pos.line,
  column: pos.col,
})

type At = (offset: number | undefined) => { file: string; line?: number; column?: number }

/**
 * Names the schema cannot know: the profile id and the rule/check ids under `rules:`. A misspelt
 * override (`session-lifespan-too-lon: high`) would otherwise do nothing and keep the gate lower
 * (QA L1); a wrong profile failed only later, without the file's position (QA L2). The
 * registries are imported only when the file names something to check.
 */
const checkNames = async (doc: Document, config: ProjectConfig, at: At): Promise<void> => {
  if (config.profile !== undefined) {
    const { profiles, unknownProfileHint } = await import('../profiles/index.ts')
    if (!profiles.some((p) => p.id === config.profile)) {
      throw new AegisError('AEGIS_PROFILE_UNKNOWN', `unknown profile '${config.profile}'`, {
        position: at(offsetOf(doc, ['profile'], false)),
        hint: unknownProfileHint(config.profile),
      })
    }
  }
  const names = Object.keys(config.rules ?? {})
  if (names.length === 0) return
  const [{ rules }, { checks }] = await Promise.all([
    import('../rules/index.ts'),
    import('../probe/checks/index.ts'),
  ])
  const ids = [...rules.map((r) => r.id), ...checks.map((c) => c.id)]
  for (const name of names) {
    if (ids.includes(name)) continue
    const near = closest(name, ids)
    throw new AegisError(
      'AEGIS_CONFIG_INVALID',
      `rules.${name} names no audit rule or probe check`,
      {
        position: at(offsetOf(doc, ['rules', name], true)),
        hint:
          near === undefined
            ? 'ids are the page names under docs/rules/ and docs/checks/'
            : `did you mean '${near}'?`,
      },
    )
  }
}

/** Parses and validates one config text (YAML or JSON; JSON is read by the YAML 1.2 parser). */
export const parseProjectConfig = async (text: string, file: string): Promise<ProjectConfig> => {
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false })
  const at = (offset: number | undefined): { file: string; line?: number; column?: number } =>
    offset === undefined ? { file } : toPosition(file, counter.linePos(offset))
  const syntax = doc.errors[0]
  if (syntax !== undefined) {
    throw new AegisError('AEGIS_CONFIG_INVALID', syntax.message.split('\n')[0] ?? 'syntax error', {
      position: at(syntax.pos[0]),
    })
  }
  const value: unknown = doc.toJS() ?? {}
  const problem = checkSchema(await loadSchema(), value)[0]
  if (problem !== undefined) {
    const offset = offsetOf(doc, problem.path, problem.atKey === true)
    const name = problem.path.length === 0 ? 'the configuration' : problem.path.join('.')
    throw new AegisError('AEGIS_CONFIG_INVALID', `${name} ${problem.message}`, {
      position: at(offset),
      hint: 'see packages/aegis/schema/aegis.config.schema.json or docs/reports.md',
    })
  }
  await checkNames(doc, value as ProjectConfig, at)
  return value as ProjectConfig
}

const readIfExists = async (file: string): Promise<string | undefined> => {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new AegisError('AEGIS_FILE_UNREADABLE', 'cannot read the project configuration', {
      position: { file },
      cause: error,
    })
  }
}

/** The explicit `--config` file, else the first of projectConfigNames found in cwd, else none. */
export const loadProjectConfig = async (options: {
  readonly cwd: string
  readonly file?: string
}): Promise<LoadedProjectConfig> => {
  const candidates =
    options.file === undefined
      ? projectConfigNames.map((n) => join(options.cwd, n))
      : [resolve(options.cwd, options.file)]
  for (const abs of candidates) {
    const text = await readIfExists(abs)
    if (text === undefined) continue
    const file = relative(options.cwd, abs) || abs
    const config = await parseProjectConfig(text, file)
    return { file, config: rebase(config, dirname(abs), options.cwd) }
  }
  if (options.file !== undefined) {
    throw new AegisError('AEGIS_FILE_NOT_FOUND', 'the project configuration does not exist', {
      position: { file: options.file },
    })
  }
  return { file: null, config: {} }
}
