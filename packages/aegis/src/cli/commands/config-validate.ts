import { loadDeployment } from '../../config/index.ts'
import { userVersion } from '../../config/model.ts'
import { AegisError } from '../../errors.ts'
import {
  renderValidationJson,
  renderValidationText,
  validateDeployment,
} from '../../kratos/index.ts'
import type { CommandIO } from '../command.ts'
import { defineCommand, oneOf, parse, stringFlag, stringFlags } from '../command.ts'

const usage =
  'aegis config validate <inputs…> [--kratos-version V] [--format text|json] [--env] [--env-file F…] [--service S]'

const options = {
  'kratos-version': { type: 'string' },
  format: { type: 'string', default: 'text' },
  env: { type: 'boolean', default: false },
  'env-file': { type: 'string', multiple: true },
  service: { type: 'string' },
} as const

/** Exit 0 when Kratos would start, 1 when it would refuse (fatal problems), 2 on tool errors. */
export const runConfigValidate = async (
  argv: readonly string[],
  io: CommandIO,
): Promise<number> => {
  const { values, positionals } = parse(argv, options, usage)
  if (positionals.length === 0) {
    throw new AegisError('AEGIS_USAGE', 'expected at least one input', { hint: usage })
  }
  const format = oneOf('--format', stringFlag(values['format']) ?? 'text', ['text', 'json'])
  const version = stringFlag(values['kratos-version'])
  // Refused before any input is read, with the loader's own error.
  if (version !== undefined) userVersion(version)
  const envFiles = stringFlags(values['env-file'])
  const service = stringFlag(values['service'])
  const loaded = await loadDeployment(positionals, {
    cwd: io.cwd,
    envFiles,
    ...(values['env'] === true ? { env: io.env } : {}),
    ...(version === undefined ? {} : { kratosVersion: version }),
    ...(service === undefined ? {} : { service }),
  })
  const configFiles = [...loaded.files.values()]
    .filter((f) => f.kind === 'kratos-config')
    .map((f) => f.path)
  const result = validateDeployment(loaded.view, configFiles)
  for (const warning of loaded.warnings) io.stderr(`aegis: warning: ${warning}\n`)
  io.stdout(format === 'json' ? renderValidationJson(result) : renderValidationText(result))
  return result.valid ? 0 : 1
}

export default defineCommand({
  name: 'config validate',
  summary: 'would Kratos start with this configuration? (offline, per Kratos version)',
  usage,
  run: runConfigValidate,
})
