/**
 * `aegis config show`: the merged configuration with the origin of every value, secrets redacted.
 */
import { allKeys } from '../kratos/index.ts'
import type { LoadedDeployment } from './load-types.ts'
import { isSecretEnvName } from '../redact/keys.ts'
import { redactPatterns } from '../redact/patterns.ts'
import { REDACTED } from '../redact/placeholder.ts'
import { redactValue } from '../redact/view.ts'
import type { ValueOrigin } from './types.ts'

export const describeOrigin = (origin: ValueOrigin): string => {
  const what = [origin.kind, origin.envVar, origin.flag].filter((x) => x !== undefined).join(' ')
  const loc = origin.location
  const where = loc === null ? '' : ` at ${loc.file}:${loc.line}:${loc.column}`
  // A file's own values need no carrier note; the sources header names how it was mounted.
  const via =
    origin.via === undefined ||
    (loc !== null && (origin.kind === 'file' || origin.via === loc.file))
      ? ''
      : ` (${origin.via})`
  return `${what}${where}${via}`
}

const versionNote: Readonly<Record<string, string>> = {
  config: 'from `version:` in the config',
  image: 'from the image tag',
  user: 'as given',
  assumed: 'assumed: nothing names a version',
}

const display = (value: unknown): string =>
  value === undefined ? '(set elsewhere, value unknown)' : JSON.stringify(value)

export interface ShowData {
  readonly kratosVersion: string
  readonly versionSource: string
  readonly dev: boolean
  readonly sources: readonly string[]
  readonly entries: readonly {
    path: string
    value: unknown
    external: boolean
    origin: ValueOrigin
  }[]
  readonly rawEnv: Readonly<Record<string, { value: string; origin: ValueOrigin }>>
  readonly warnings: readonly string[]
}

/** Keys no source sets but that have a schema default, as Kratos would fill them in. */
const defaultEntries = (view: LoadedDeployment['view']): ShowData['entries'] =>
  allKeys(view.version)
    .filter((spec) => spec.default !== undefined && spec.type !== 'object')
    .filter((spec) => !/(^|\.)[*#](\.|$)/.test(spec.path) && !view.has(spec.path))
    .filter((spec) => view.get(spec.path) !== undefined)
    .map((spec) => ({
      path: spec.path,
      value: redactValue(spec.path, view.get(spec.path)),
      external: false,
      origin: view.origin(spec.path),
    }))

export const showData = (
  loaded: LoadedDeployment,
  options: { defaults?: boolean } = {},
): ShowData => {
  const { view } = loaded
  const rawEnv: Record<string, { value: string; origin: ValueOrigin }> = {}
  for (const [name, v] of Object.entries(view.rawEnv)) {
    const value = isSecretEnvName(name) ? REDACTED : redactPatterns(v.value)
    rawEnv[name] = { value, origin: v.origin }
  }
  return {
    kratosVersion: view.version,
    versionSource: view.versionSource,
    dev: view.dev,
    sources: view.sources,
    entries: [
      ...view.entries().map((e) => ({
        path: e.path,
        value: e.external ? undefined : redactValue(e.path, e.value),
        external: e.external,
        origin: e.origin,
      })),
      ...(options.defaults === true ? defaultEntries(view) : []),
    ],
    rawEnv,
    warnings: loaded.warnings.map((w) => redactPatterns(w)),
  }
}

export const renderShowText = (data: ShowData): string => {
  const lines = [
    `Kratos ${data.kratosVersion} (${versionNote[data.versionSource] ?? data.versionSource})`,
    `dev mode: ${data.dev ? 'on' : 'off'}`,
    `sources: ${data.sources.join(', ')}`,
    '',
  ]
  const width = Math.min(60, Math.max(0, ...data.entries.map((e) => e.path.length)))
  for (const e of data.entries) {
    lines.push(`${e.path.padEnd(width)} = ${display(e.value)}`)
    lines.push(`${' '.repeat(width)}   ← ${describeOrigin(e.origin)}`)
  }
  const raw = Object.entries(data.rawEnv)
  if (raw.length > 0) {
    lines.push('', 'read by Kratos directly from the environment:')
    for (const [name, v] of raw) lines.push(`  ${name}=${v.value}  ← ${describeOrigin(v.origin)}`)
  }
  if (!data.entries.some((e) => e.origin.kind === 'default')) {
    lines.push('', 'Keys not listed take their schema default (--defaults lists them).')
  }
  if (data.warnings.length > 0) {
    lines.push('', 'warnings:', ...data.warnings.map((w) => `  - ${w}`))
  }
  return `${lines.join('\n')}\n`
}

export const renderShowJson = (data: ShowData): string => `${JSON.stringify(data, null, 2)}\n`
