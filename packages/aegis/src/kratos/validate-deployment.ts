/**
 * `aegis config validate`: validateTree over a loaded deployment, each problem placed at a file
 * position (the key itself, else its nearest set ancestor) and rendered as text or JSON.
 */
import type { ConfigView } from '../config/types.ts'
import type { SourceLocation } from '../engine/finding.ts'
import type { ValidationProblem } from './validate.ts'
import { validateTree } from './validate.ts'

export interface LocatedProblem extends ValidationProblem {
  /** Where the key (or its nearest set ancestor) is written; null when nowhere. */
  readonly location: SourceLocation | null
}

export interface DeploymentValidation {
  readonly version: ConfigView['version']
  readonly versionSource: ConfigView['versionSource']
  readonly valid: boolean
  readonly problems: readonly LocatedProblem[]
  readonly counts: Readonly<Record<ValidationProblem['severity'], number>>
  /** The Kratos config files, for problems with no position of their own. */
  readonly files: readonly string[]
}

const parentOf = (path: string): string => {
  const dot = path.lastIndexOf('.')
  return dot < 0 ? '' : path.slice(0, dot)
}

/** The key's own position, else the nearest ancestor a source sets. */
const locate = (view: ConfigView, key: string): SourceLocation | null => {
  for (let path = key; path !== ''; path = parentOf(path)) {
    if (!view.has(path)) continue
    const location = view.origin(path).location
    if (location !== null) return location
  }
  return null
}

export const validateDeployment = (
  view: ConfigView,
  files: readonly string[],
): DeploymentValidation => {
  const problems = validateTree({ ...view.tree() }, view.version, {
    isExternal: (path) => view.isExternal(path),
  }).map((p) => ({ ...p, location: locate(view, p.key) }))
  const counts = { fatal: 0, ignored: 0, warning: 0 }
  for (const p of problems) counts[p.severity] += 1
  return {
    version: view.version,
    versionSource: view.versionSource,
    valid: counts.fatal === 0,
    problems,
    counts,
    files,
  }
}

const where = (p: LocatedProblem, files: readonly string[]): string => {
  if (p.location !== null) return `${p.location.file}:${p.location.line}:${p.location.column}`
  return files[0] ?? '(merged configuration)'
}

const sourceOf: Record<ConfigView['versionSource'], string> = {
  config: 'from `version:`',
  image: 'from the image tag',
  user: 'from --kratos-version',
  assumed: 'assumed; set --kratos-version',
}

export const renderValidationText = (result: DeploymentValidation): string => {
  const lines: string[] = []
  for (const p of result.problems) {
    lines.push(`${where(p, result.files)}: ${p.severity} ${p.code}: ${p.message}`)
    if (p.suggestion !== undefined) lines.push(`  hint: ${p.suggestion}`)
  }
  const { fatal, ignored, warning } = result.counts
  const head = `Kratos ${result.version} (${sourceOf[result.versionSource]})`
  const verdict = result.valid ? 'would start' : 'would refuse to start'
  lines.push(`${head} ${verdict}: ${fatal} fatal, ${ignored} ignored, ${warning} warning(s).`)
  return `${lines.join('\n')}\n`
}

export const renderValidationJson = (result: DeploymentValidation): string =>
  `${JSON.stringify(
    {
      kratosVersion: result.version,
      versionSource: result.versionSource,
      valid: result.valid,
      counts: result.counts,
      problems: result.problems,
    },
    null,
    2,
  )}\n`
