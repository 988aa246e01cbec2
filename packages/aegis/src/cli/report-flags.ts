/**
 * The report half of every command that produces findings (audit, probe): shared flags, then
 * project config overrides, inline suppressions, baseline, rendering and the exit code
 * (0 clean, 1 a finding at or above --fail-on, 2 tool error: thrown, printed by run.ts).
 */
import { resolve } from 'node:path'
import type { LoadOptions } from '../config/load-types.ts'
import { userVersion } from '../config/model.ts'
import {
  severityRank,
  summarize,
  type Finding,
  type RunResult,
  type Severity,
  type UnitResult,
} from '../engine/finding.ts'
import {
  filterByBaseline,
  readBaseline,
  serializeBaseline,
  writeFileAtomic,
} from '../engine/baseline.ts'
import { loadProjectConfig, type FailOn } from '../engine/project-config.ts'
import { AegisError } from '../errors.ts'
import { getProfile, type Profile } from '../profiles/index.ts'
import {
  resolveSettings,
  type EffectiveSettings,
  type FlagValues,
} from '../engine/project-settings.ts'
import { applyInlineSuppressions, todayUtc } from '../engine/suppress.ts'
import { shouldColor } from '../report/ansi.ts'
import { render } from '../report/index.ts'
import { stringFlag, type CommandIO } from './command.ts'
import { refuseOutputOverInput } from './output-guard.ts'

export const defaultBaselineFile = 'aegis-baseline.json'

/** util.parseArgs option specs; commands spread them into their own options. */
export const reportFlags = {
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'no-inline-suppressions': { type: 'boolean' },
  config: { type: 'string' },
} as const

/** The report flags but --format (config print's --format is its own output). */
export const reportSettingsUsage =
  '[--output FILE] [--fail-on critical|high|medium|low|info|none] [--baseline FILE] [--update-baseline] [--no-inline-suppressions] [--config FILE]'
export const reportUsage = `[--format text|json|sarif|junit|markdown|html] ${reportSettingsUsage}`

export interface EmitContext {
  readonly values: FlagValues
  readonly io: CommandIO
  readonly sources: ReadonlyMap<string, { readonly text: string }>
  /** For tests: the clock that decides whether a suppression expired. */
  readonly now?: Date
  /**
   * probe: a unit that ended in `error` makes the exit code 2 (after the report is written), so
   * an incomplete run never passes a gate; `--allow-errors` sets this false.
   */
  readonly errorsFail?: boolean
  /** The settings the command already resolved (loadEffectiveSettings), so the file is read once. */
  readonly settings?: EffectiveSettings
}

/** The project config's `rules` map: `off` drops a rule's findings, a severity replaces it. */
const overrideFindings = (
  findings: readonly Finding[],
  rules: Readonly<Record<string, Severity | 'off'>>,
): Finding[] => {
  const kept: Finding[] = []
  for (const f of findings) {
    const o = rules[f.ruleId]
    if (o === 'off') continue
    kept.push(o === undefined ? f : { ...f, severity: o })
  }
  return kept
}

const overrideUnits = (
  units: readonly UnitResult[],
  rules: Readonly<Record<string, Severity | 'off'>>,
): UnitResult[] =>
  units.map((u): UnitResult => {
    const o = rules[u.id]
    if (o === undefined) return u
    if (o === 'off')
      return { ...u, outcome: 'skipped', reason: 'disabled in the project configuration' }
    return { ...u, severity: o }
  })

/**
 * The findings a report holds before any baseline: the project config's `rules` overrides, then
 * inline suppressions unless turned off. `fix` plans from these too, so a rule the team turned
 * off is never edited away and remaining findings carry the severity the audit shows.
 */
export const reportedFindings = (
  findings: readonly Finding[],
  settings: Pick<EffectiveSettings, 'rules' | 'inlineSuppressions'>,
  sources: ReadonlyMap<string, { readonly text: string }>,
  now?: Date,
): readonly Finding[] => {
  const kept = overrideFindings(findings, settings.rules.value)
  return settings.inlineSuppressions.value
    ? applyInlineSuppressions(kept, sources, todayUtc(now)).findings
    : kept
}

export const exitCodeFor = (findings: readonly Finding[], failOn: FailOn): number => {
  if (failOn === 'none') return 0
  const bar = severityRank[failOn]
  return findings.some((f) => f.suppressed === null && severityRank[f.severity] >= bar) ? 1 : 0
}

const applyBaseline = async (
  findings: readonly Finding[],
  settings: EffectiveSettings,
  ctx: EmitContext,
  tool: string,
): Promise<readonly Finding[]> => {
  const update = ctx.values['update-baseline'] === true
  const file = settings.baseline.value ?? (update ? defaultBaselineFile : null)
  if (file === null) return findings
  const abs = resolve(ctx.io.cwd, file)
  if (update) {
    await writeFileAtomic(abs, serializeBaseline(findings, tool))
    const n = findings.filter((f) => f.suppressed === null).length
    ctx.io.stderr(`aegis: baseline written to ${file} (${n} finding${n === 1 ? '' : 's'})\n`)
  }
  return filterByBaseline(findings, await readBaseline(abs))
}

/**
 * Effective settings for a command: its flags, else aegis.config.* (found in cwd or named by
 * --config), else defaults. Commands read profile, kratosVersion, inputs and envFiles from here.
 */
export const loadEffectiveSettings = async (ctx: {
  readonly values: FlagValues
  readonly io: Pick<CommandIO, 'cwd'>
  readonly positionals?: readonly string[]
}): Promise<EffectiveSettings> => {
  const configFile = stringFlag(ctx.values['config'])
  const loaded = await loadProjectConfig({
    cwd: ctx.io.cwd,
    ...(configFile === undefined ? {} : { file: configFile }),
  })
  return resolveSettings(ctx.values, loaded, ctx.positionals)
}

/**
 * What audit and fix load besides their inputs: the env files and the Kratos version, from the
 * flags or aegis.config.*. An unknown version is refused here, before any input is read, with the
 * loader's own error.
 */
export const settingsLoadOptions = (
  settings: Pick<EffectiveSettings, 'envFiles' | 'kratosVersion'>,
): Pick<LoadOptions, 'envFiles' | 'kratosVersion'> => {
  const version = settings.kratosVersion.value
  if (version !== null) userVersion(version)
  return {
    envFiles: [...settings.envFiles.value],
    ...(version === null ? {} : { kratosVersion: version }),
  }
}

/**
 * Everything audit and fix load besides their inputs: settingsLoadOptions, and from the flags the
 * process environment (`--env`) and the compose service or container (`--service`).
 */
export const commandLoadOptions = (
  settings: Pick<EffectiveSettings, 'envFiles' | 'kratosVersion'>,
  values: FlagValues,
  io: Pick<CommandIO, 'env'>,
): Pick<LoadOptions, 'envFiles' | 'kratosVersion' | 'env' | 'service'> => {
  const service = stringFlag(values['service'])
  return {
    ...settingsLoadOptions(settings),
    ...(values['env'] === true ? { env: io.env } : {}),
    ...(service === undefined ? {} : { service }),
  }
}

/**
 * The policy profile of audit, probe and fix: --profile, else the project config's `profile:`,
 * else the default; one rule, so `aegis config print` tells every command's profile.
 */
export const effectiveProfile = (settings: Pick<EffectiveSettings, 'profile'>): Profile =>
  getProfile(settings.profile.value)

/** Post-processes, renders and writes the result; returns the exit code. */
export const emitReport = async (result: RunResult, ctx: EmitContext): Promise<number> => {
  const settings = ctx.settings ?? (await loadEffectiveSettings(ctx))
  let findings = reportedFindings(result.findings, settings, ctx.sources, ctx.now)
  const active = (list: readonly Finding[]): number =>
    list.filter((f) => f.suppressed === null).length
  const beforeBaseline = active(findings)
  findings = await applyBaseline(findings, settings, ctx, result.tool.name)
  // Counted like inline suppressions, so a baseline that hides everything does not read as a
  // clean run (QA N14).
  const baselined = beforeBaseline - active(findings)
  const final: RunResult = {
    ...result,
    units: overrideUnits(result.units, settings.rules.value),
    findings,
    summary: { ...summarize(findings), ...(baselined > 0 ? { baselined } : {}) },
  }
  const output = settings.output.value
  if (output !== null) {
    await refuseOutputOverInput(output, ctx.io.cwd, [...ctx.sources.keys(), ...result.inputs])
  }
  const text = render(settings.format.value, final, {
    color: output === null && shouldColor(ctx.io.env, ctx.io.isTTY),
    sources: ctx.sources,
  })
  if (output === null) ctx.io.stdout(text)
  else await writeFileAtomic(resolve(ctx.io.cwd, output), text)
  const errored = final.units.filter((u) => u.outcome === 'error')
  if (ctx.errorsFail === true && errored.length > 0) {
    const ids = errored.map((u) => u.id).join(', ')
    const n = errored.length
    // Thrown after the report is written: runCli prints it as every tool error and exits 2.
    throw new AegisError(
      'AEGIS_CHECKS_ERRORED',
      `${n} check${n === 1 ? '' : 's'} ended in error (${ids}): the report is incomplete`,
      { hint: 'the report says why for each; --allow-errors exits 0/1 by the findings alone' },
    )
  }
  return exitCodeFor(findings, settings.failOn.value)
}
