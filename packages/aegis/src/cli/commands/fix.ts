import type { LoadedDeployment } from '../../config/load-types.ts'
import type { Finding } from '../../engine/finding.ts'
import { runRules } from '../../engine/run-rules.ts'
import { applyInlineSuppressions, todayUtc } from '../../engine/suppress.ts'
import { AegisError } from '../../errors.ts'
import { runFix } from '../../fix/run.ts'
import { defineCommand, parse } from '../command.ts'
import { effectiveProfile, loadEffectiveSettings } from '../report-flags.ts'

const usage =
  'aegis fix <inputs…> [--profile ID] [--config FILE] [--unsafe] [--dry-run] [--allow-secret-in-file] [--secrets-out FILE] [--reveal]'

const options = {
  // No default here: an absent --profile falls to aegis.config.*'s profile:, as in audit.
  profile: { type: 'string' },
  config: { type: 'string' },
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
    if (positionals.length === 0)
      throw new AegisError('AEGIS_USAGE', 'no input given', { hint: usage })
    const profile = effectiveProfile(await loadEffectiveSettings({ values, io }))
    const audit = (d: LoadedDeployment): readonly Finding[] =>
      applyInlineSuppressions(runRules(d.view, profile), d.files, todayUtc()).findings
    const secretsOut = values['secrets-out']
    const result = await runFix({
      inputs: positionals,
      cwd: io.cwd,
      unsafe: values['unsafe'] === true,
      dryRun: values['dry-run'] === true,
      allowSecretInFile: values['allow-secret-in-file'] === true,
      reveal: values['reveal'] === true,
      ...(typeof secretsOut === 'string' ? { secretsOut } : {}),
      audit,
    })
    io.stdout(result.stdout)
    io.stderr(result.stderr)
    return result.code
  },
})
