import { getProfile, profiles } from '../../profiles/index.ts'
import { describeProfile, profileTable } from '../../profiles/describe.ts'
import { defineCommand, oneOf, parse, refuseExtra, stringFlag, type CommandIO } from '../command.ts'

const usage = 'aegis profiles [ID] [--format text|json]'
const options = { format: { type: 'string' } } as const

const run = (argv: readonly string[], io: CommandIO): Promise<number> => {
  const { values, positionals } = parse(argv, options, usage)
  refuseExtra(positionals, 1, usage)
  const format = oneOf('--format', stringFlag(values['format']) ?? 'text', ['text', 'json'])
  // `aegis profiles ID` shows that one profile (unknown id: AEGIS_PROFILE_UNKNOWN with the list).
  const id = positionals[0]
  if (id !== undefined) {
    const one = getProfile(id)
    io.stdout(format === 'json' ? `${JSON.stringify(one, null, 2)}\n` : `${describeProfile(one)}\n`)
    return Promise.resolve(0)
  }
  io.stdout(format === 'json' ? `${JSON.stringify(profiles, null, 2)}\n` : profileTable(profiles))
  return Promise.resolve(0)
}

export default defineCommand({
  name: 'profiles',
  summary: 'list the policy profiles and their cited limits, or show one',
  usage,
  run,
})
