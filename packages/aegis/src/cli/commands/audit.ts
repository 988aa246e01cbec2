import { loadDeployment } from '../../config/index.ts'
import { audit } from '../../engine/audit.ts'
import { AegisError } from '../../errors.ts'
import { defineCommand, parse, type CommandIO } from '../command.ts'
import {
  effectiveProfile,
  emitReport,
  loadEffectiveSettings,
  reportFlags,
  reportUsage,
  commandLoadOptions,
} from '../report-flags.ts'

const usage = `aegis audit <inputs…> [--profile ID] [--kratos-version V] [--env] [--env-file F…] [--service S] ${reportUsage}`

const options = {
  profile: { type: 'string' },
  'kratos-version': { type: 'string' },
  env: { type: 'boolean' },
  'env-file': { type: 'string', multiple: true },
  service: { type: 'string' },
  ...reportFlags,
} as const

const run = async (argv: readonly string[], io: CommandIO): Promise<number> => {
  const { values, positionals } = parse(argv, options, usage)
  // Flags win; aegis.config.* (profile, Kratos version, inputs, env files) fills in the rest.
  const settings = await loadEffectiveSettings({ values, io, positionals })
  const inputs = settings.inputs.value
  if (inputs.length === 0) {
    throw new AegisError(
      'AEGIS_USAGE',
      'expected at least one input (a kratos.yml, compose file, Helm values, manifest or directory)',
      { hint: usage },
    )
  }
  const profile = effectiveProfile(settings)
  // An unknown Kratos version is refused here, before any input is read.
  const loaded = await loadDeployment(inputs, {
    cwd: io.cwd,
    ...commandLoadOptions(settings, values, io),
  })
  for (const warning of loaded.warnings) io.stderr(`aegis: warning: ${warning}\n`)
  const result = audit(loaded.view, profile, inputs)
  return emitReport(result, { values, io, sources: loaded.files, settings })
}

export default defineCommand({
  name: 'audit',
  summary: 'find session weaknesses in a Kratos deployment offline, against a policy profile',
  usage,
  run,
})
