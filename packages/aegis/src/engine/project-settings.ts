/**
 * Effective settings: command-line flag, else the project configuration file, else the default,
 * each with where it came from, for `emitReport` and `aegis config print`.
 */
import { AegisError } from '../errors.ts'
import { defaultProfileId } from '../profiles/index.ts'
import { isReportFormat, type ReportFormat } from '../report/types.ts'
import { severities, type Severity } from './finding.ts'
import type { FailOn, LoadedProjectConfig } from './project-config.ts'

export type SettingSource = 'flag' | 'file' | 'default'

export interface Setting<T> {
  readonly value: T
  readonly source: SettingSource
}

export interface EffectiveSettings {
  readonly configFile: string | null
  /** The profile audit, probe and fix run: the default one when no flag or file names it. */
  readonly profile: Setting<string>
  /** null: each command detects the version from its inputs. */
  readonly kratosVersion: Setting<string | null>
  readonly inputs: Setting<readonly string[]>
  readonly envFiles: Setting<readonly string[]>
  readonly failOn: Setting<FailOn>
  readonly format: Setting<ReportFormat>
  readonly output: Setting<string | null>
  readonly baseline: Setting<string | null>
  readonly inlineSuppressions: Setting<boolean>
  readonly rules: Setting<Readonly<Record<string, Severity | 'off'>>>
}

export type FlagValues = Readonly<
  Record<string, string | boolean | (string | boolean)[] | undefined>
>

export const defaultFailOn: FailOn = 'high'
export const failOnValues: readonly FailOn[] = [...severities, 'none']

const str = (v: FlagValues[string]): string | undefined => (typeof v === 'string' ? v : undefined)
const strs = (v: FlagValues[string]): string[] | undefined =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v) && v.length > 0
      ? v.filter((x): x is string => typeof x === 'string')
      : undefined

const pick = <T>(flag: T | undefined, file: T | undefined, fallback: T): Setting<T> =>
  flag !== undefined
    ? { value: flag, source: 'flag' }
    : file !== undefined
      ? { value: file, source: 'file' }
      : { value: fallback, source: 'default' }

const usage = (message: string): AegisError => new AegisError('AEGIS_USAGE', message)

const checkedFormat = (v: string | undefined): ReportFormat | undefined => {
  if (v === undefined || isReportFormat(v)) return v
  throw usage(`--format must be one of text, json, sarif, junit, markdown, html (got "${v}")`)
}

const checkedFailOn = (v: string | undefined): FailOn | undefined => {
  if (v === undefined || (failOnValues as readonly string[]).includes(v)) return v as FailOn
  throw usage(`--fail-on must be one of ${failOnValues.join(', ')} (got "${v}")`)
}

/**
 * Flags read: --format, --output, --fail-on, --baseline, --no-inline-suppressions (reportFlags),
 * and when the command defines them, --profile, --kratos-version, --env-file; positionals are inputs.
 */
export const resolveSettings = (
  values: FlagValues,
  loaded: LoadedProjectConfig,
  positionals: readonly string[] = [],
): EffectiveSettings => {
  const c = loaded.config
  return {
    configFile: loaded.file,
    profile: pick(str(values['profile']), c.profile, defaultProfileId),
    kratosVersion: pick(str(values['kratos-version']), c.kratosVersion, null),
    inputs: pick(positionals.length > 0 ? positionals : undefined, c.inputs, []),
    envFiles: pick(strs(values['env-file']), c.envFiles, []),
    failOn: pick(checkedFailOn(str(values['fail-on'])), c.failOn, defaultFailOn),
    format: pick(checkedFormat(str(values['format'])), c.format, 'text'),
    output: pick(str(values['output']), c.output, null),
    baseline: pick(str(values['baseline']), c.baseline, null),
    inlineSuppressions: pick(
      values['no-inline-suppressions'] === true ? false : undefined,
      c.inlineSuppressions,
      true,
    ),
    rules: pick(undefined, c.rules, {}),
  }
}
