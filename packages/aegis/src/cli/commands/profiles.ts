import { AegisError } from '../../errors.ts'
import { profiles } from '../../profiles/index.ts'
import { profileTable } from '../../profiles/describe.ts'
import { defineCommand, parse, type CommandIO } from '../command.ts'

const usage = 'aegis profiles [--format text|json]'
const options = { format: { type: 'string' } } as const

const run = (argv: readonly string[], io: CommandIO): Promise<number> => {
  const { values } = parse(argv, options, usage)
  const format = typeof values['format'] === 'string' ? values['format'] : 'text'
  if (format !== 'text' && format !== 'json') {
    throw new AegisError('AEGIS_USAGE', `--format: expected text or json, got ${format}`, {
      hint: usage,
    })
  }
  io.stdout(format === 'json' ? `${JSON.stringify(profiles, null, 2)}\n` : profileTable(profiles))
  return Promise.resolve(0)
}

export default defineCommand({
  name: 'profiles',
  summary: 'list the policy profiles and their cited limits',
  usage,
  run,
})
