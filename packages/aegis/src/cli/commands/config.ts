/**
 * `aegis config <subcommand>`. Each subcommand is its own file, loaded lazily; add one by adding
 * a line to `subcommands` (sorted).
 */
import { AegisError } from '../../errors.ts'
import { defineCommand, helpText, wantsHelp, type Command } from '../command.ts'

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
  '',
  'Run `aegis config <subcommand> --help` for the options of a subcommand.',
].join('\n')

const config = defineCommand({
  name: 'config',
  summary: 'show the Kratos configuration as Kratos would merge it',
  usage,
  ownHelp: true,
  run: async (argv, io) => {
    const [name, ...rest] = argv
    const entry =
      name !== undefined && Object.hasOwn(subcommands, name) ? subcommands[name] : undefined
    // `config show --help` is show's help (its flags), not this list (QA L7).
    if (entry === undefined && wantsHelp(argv)) {
      io.stdout(helpText(config))
      return 0
    }
    if (entry !== undefined && wantsHelp(rest)) {
      io.stdout(helpText(await entry.load()))
      return 0
    }
    if (entry === undefined) {
      const message =
        name === undefined ? 'expected a subcommand' : `unknown subcommand 'config ${name}'`
      throw new AegisError('AEGIS_USAGE', message, { hint: usage })
    }
    return (await entry.load()).run(rest, io)
  },
})

export default config
