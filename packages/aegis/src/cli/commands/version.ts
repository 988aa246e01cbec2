import { defineCommand, parse, refuseExtra } from '../command.ts'
import { toolName, toolVersion } from '../../version.ts'

export default defineCommand({
  name: 'version',
  summary: 'print the kratos-aegis version',
  usage: 'aegis version',
  run: (argv, io) => {
    // No flags: `version --json` is refused like any unknown flag (QA N19).
    refuseExtra(parse(argv, {}, 'aegis version').positionals, 0, 'aegis version')
    io.stdout(`${toolName} ${toolVersion}\n`)
    return Promise.resolve(0)
  },
})
