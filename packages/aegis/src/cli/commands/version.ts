import { defineCommand } from '../command.ts'
import { toolName, toolVersion } from '../../version.ts'

export default defineCommand({
  name: 'version',
  summary: 'print the kratos-aegis version',
  usage: 'aegis version',
  run: (_argv, io) => {
    io.stdout(`${toolName} ${toolVersion}\n`)
    return Promise.resolve(0)
  },
})
