/**
 * `aegis config <subcommand>`. Each subcommand is its own file, loaded lazily; add one by adding
 * a line to `subcommands` (sorted).
 */
import { AegisError } from '../../errors.ts'
import { defineCommand, type Command } from '../command.ts'

const subcommands: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  print: {
    summary: 'print the effective kratos-aegis settings (flags, aegis.config.*, defaults)',
    load: async () => (await import('./config-print.ts')).default,
  },
  show: {
    summary: 'print the merged configuration with the origin of every value, secrets redacted',
    load: async () => (await import('./config-show.ts')).default,
  },
  validate: {
    summary: 'would Kratos start with this configuration? (offline, per Kratos version)',
    load: async () => (await import('./config-validate.ts')).default,
  },
}

const usage = [
  'aegis config <subcommand> [options]',
  '',
  'Subcommands:',
  ...Object.entries(subcommands).map(([name, s]) => `  ${name.padEnd(10)} ${s.summary}`),
].join('\n')

export default defineCommand({
  name: 'config',
  summary: 'show the Kratos configuration as Kratos would merge it',
  usage,
  run: async (argv, io) => {
    const [name, ...rest] = argv
    const entry =
      name !== undefined && Object.hasOwn(subcommands, name) ? subcommands[name] : undefined
    if (entry === undefined) {
      const message =
        name === undefined ? 'expected a subcommand' : `unknown subcommand 'config ${name}'`
      throw new AegisError('AEGIS_USAGE', message, { hint: usage })
    }
    return (await entry.load()).run(rest, io)
  },
})
