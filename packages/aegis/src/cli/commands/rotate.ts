import { AegisError } from '../../errors.ts'
import { ageSeconds } from '../../rotate/durations.ts'
import { outputs, type OutputForm } from '../../rotate/outputs.ts'
import { runRotate } from '../../rotate/run.ts'
import { parseSecretArgs, purposes, type Purpose } from '../../rotate/secret-sources.ts'
import { defineCommand, oneOf, parse, stringFlag } from '../command.ts'

const usage =
  'aegis rotate <inputs…> [--purpose cookie|default|cipher|pagination] [--check] [--max-age 90d] [--reveal] [--state FILE] [--output config|env|k8s-secret] [--write-to FILE] [--secret-name NAME] [--dry-run] [--allow-secret-in-file] [--secrets JSON] [--at TIME]'

const options = {
  purpose: { type: 'string', default: 'cookie' },
  check: { type: 'boolean', default: false },
  reveal: { type: 'boolean', default: false },
  state: { type: 'string' },
  output: { type: 'string', default: 'config' },
  'write-to': { type: 'string' },
  'secret-name': { type: 'string', default: 'kratos-secrets' },
  'max-age': { type: 'string', default: '90d' },
  'dry-run': { type: 'boolean', default: false },
  'allow-secret-in-file': { type: 'boolean', default: false },
  secrets: { type: 'string', multiple: true },
  at: { type: 'string' },
} as const

export default defineCommand({
  name: 'rotate',
  summary: 'rotate Kratos secrets: new first, old kept until nothing they protect can be alive',
  usage,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options, usage)
    if (positionals.length === 0)
      throw new AegisError('AEGIS_USAGE', 'no input given', { hint: usage })
    const maxAge = ageSeconds(stringFlag(values['max-age']) ?? '90d')
    if (maxAge === null)
      throw new AegisError('AEGIS_USAGE', '--max-age: not a duration (e.g. 90d, 2160h)')
    const at = stringFlag(values['at'])
    const now = at === undefined ? new Date() : new Date(at)
    if (Number.isNaN(now.getTime()))
      throw new AegisError('AEGIS_USAGE', `--at: not a time: ${at ?? ''}`)
    const secrets = Array.isArray(values['secrets'])
      ? parseSecretArgs(values['secrets'].map(String))
      : undefined
    const stateFile = stringFlag(values['state'])
    const writeTo = stringFlag(values['write-to'])
    const outcome = await runRotate({
      inputs: positionals,
      cwd: io.cwd,
      purpose: oneOf<Purpose>('--purpose', stringFlag(values['purpose']) ?? 'cookie', purposes),
      output: oneOf<OutputForm>('--output', stringFlag(values['output']) ?? 'config', outputs),
      check: values['check'] === true,
      reveal: values['reveal'] === true,
      dryRun: values['dry-run'] === true,
      allowSecretInFile: values['allow-secret-in-file'] === true,
      maxAgeSeconds: maxAge,
      now,
      secretName: stringFlag(values['secret-name']) ?? 'kratos-secrets',
      ...(stateFile === undefined ? {} : { stateFile }),
      ...(writeTo === undefined ? {} : { writeTo }),
      ...(secrets === undefined ? {} : { current: secrets }),
    })
    io.stdout(outcome.stdout)
    io.stderr(outcome.stderr)
    return outcome.code
  },
})
