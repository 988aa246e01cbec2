import { resolve } from 'node:path'
import type { LoadedDeployment } from '../../config/load-types.ts'
import type { Finding } from '../../engine/finding.ts'
import { audit as auditView } from '../../engine/audit.ts'
import { filterByBaseline, readBaseline } from '../../engine/baseline.ts'
import { AegisError } from '../../errors.ts'
import { runFix } from '../../fix/run.ts'
import { defineCommand, parse, stringFlag } from '../command.ts'
import {
  commandLoadOptions,
  effectiveProfile,
  exitCodeFor,
  loadEffectiveSettings,
  reportedFindings,
} from '../report-flags.ts'

const usage =
  'aegis fix <inputs…> [--profile ID] [--kratos-version V] [--env] [--env-file F…] [--service S] [--config FILE] [--fail-on critical|high|medium|low|info|none] [--baseline FILE] [--unsafe] [--dry-run] [--allow-secret-in-file] [--secrets-out FILE] [--reveal]'

const options = {
  // No default here: an absent --profile falls to aegis.config.*'s profile:, as in audit.
  profile: { type: 'string' },
  // What fix loads is what audit loads: the same version, environment, env files and service.
  'kratos-version': { type: 'string' },
  env: { type: 'boolean' },
  'env-file': { type: 'string', multiple: true },
  service: { type: 'string' },
  config: { type: 'string' },
  // As in audit: exit 1 when a finding at or above this severity remains (default high).
  'fail-on': { type: 'string' },
  // As in audit: findings it holds are still fixed, but do not fail the run.
  baseline: { type: 'string' },
  unsafe: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  'allow-secret-in-file': { type: 'boolean', default: false },
  'secrets-out': { type: 'string' },
  reveal: { type: 'boolean', default: false },
} as const

export default defineCommand({
  name: 'fix',
  summary: 'apply the fixes findings carry as minimal edits, with a diff and a re-audit',
  usage,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options, usage)
    // As in audit: inputs and profile from the flags, else aegis.config.*.
    const settings = await loadEffectiveSettings({ values, io, positionals })
    const inputs = settings.inputs.value
    if (inputs.length === 0) throw new AegisError('AEGIS_USAGE', 'no input given', { hint: usage })
    const profile = effectiveProfile(settings)
    // As in audit: an unknown Kratos version is refused here, before any input is read.
    const load = commandLoadOptions(settings, values, io)
    // The findings audit reports under the same project config (rules:, inline suppressions), so
    // a rule the team turned off is never edited away.
    const audit = (d: LoadedDeployment): readonly Finding[] =>
      reportedFindings(auditView(d.view, profile, inputs).findings, settings, d.files)
    // The baseline is read before anything is written: a missing one stops the run, as in audit.
    const baselineFile = settings.baseline.value
    const baseline =
      baselineFile === null ? undefined : await readBaseline(resolve(io.cwd, baselineFile))
    const secretsOut = stringFlag(values['secrets-out'])
    const result = await runFix({
      inputs,
      cwd: io.cwd,
      // A value Kratos takes from the environment or an env file wins over the config files:
      // fix must see it too.
      load,
      unsafe: values['unsafe'] === true,
      dryRun: values['dry-run'] === true,
      allowSecretInFile: values['allow-secret-in-file'] === true,
      reveal: values['reveal'] === true,
      ...(secretsOut === undefined ? {} : { secretsOut }),
      audit,
    })
    for (const warning of result.warnings) io.stderr(`aegis: warning: ${warning}\n`)
    io.stdout(result.stdout)
    io.stderr(result.stderr)
    // A dry run audits nothing after: its 0 says only that the plan was shown. Otherwise as in
    // audit: what the baseline holds does not fail the run.
    if (values['dry-run'] === true) return result.code
    const counted =
      baseline === undefined ? result.remaining : filterByBaseline(result.remaining, baseline)
    return exitCodeFor(counted, settings.failOn.value)
  },
})
