import { loadDeployment } from '../../config/index.ts'
import { renderShowJson, renderShowText, showData } from '../../config/show.ts'
import { AegisError } from '../../errors.ts'
import { defineCommand, oneOf, parse, stringFlag } from '../command.ts'

const usage =
  'aegis config show <inputs…> [--env] [--env-file F]… [--kratos-version V] [--service S] [--defaults] [--format text|json]'

const options = {
  env: { type: 'boolean', default: false },
  defaults: { type: 'boolean', default: false },
  'env-file': { type: 'string', multiple: true },
  'kratos-version': { type: 'string' },
  service: { type: 'string' },
  format: { type: 'string', default: 'text' },
} as const

export default defineCommand({
  name: 'config show',
  summary: 'print the merged configuration with the origin of every value, secrets redacted',
  usage,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options, usage)
    const format = oneOf('--format', stringFlag(values['format']) ?? 'text', ['text', 'json'])
    if (positionals.length === 0) {
      throw new AegisError('AEGIS_USAGE', 'name at least one input', { hint: usage })
    }
    const envFiles = values['env-file']
    const version = stringFlag(values['kratos-version'])
    const service = stringFlag(values['service'])
    const loaded = await loadDeployment(positionals, {
      cwd: io.cwd,
      ...(values['env'] === true ? { env: io.env } : {}),
      ...(Array.isArray(envFiles) ? { envFiles: envFiles.map(String) } : {}),
      ...(version === undefined ? {} : { kratosVersion: version }),
      ...(service === undefined ? {} : { service }),
    })
    const data = showData(loaded, { defaults: values['defaults'] === true })
    io.stdout(format === 'json' ? renderShowJson(data) : renderShowText(data))
    return 0
  },
})
