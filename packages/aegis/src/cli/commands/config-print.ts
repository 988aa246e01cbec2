/**
 * `aegis config print`: the effective kratos-aegis settings (flags > aegis.config.* > defaults),
 * each with where it came from, the `--show-config` of Checkov and Trivy (STANDARDS.md §3).
 */
import { AegisError } from '../../errors.ts'
import type { EffectiveSettings, Setting } from '../../engine/project-settings.ts'
import { defineCommand, oneOf, parse, stringFlag, type CommandIO } from '../command.ts'
import { loadEffectiveSettings, reportFlags, reportSettingsUsage } from '../report-flags.ts'

// --format is this command's own output, as in `config show|validate` (QA N6): the report format
// setting it prints comes from aegis.config.* or the default. --json, the documented spelling
// before, stays as an alias.
const usage = `aegis config print [--format text|json] [--profile ID] [--kratos-version V] [--env-file F…] [inputs…] ${reportSettingsUsage}`

const details = `--format text|json  this command's output (default text); --json is an alias of --format json.
The report format shown is the one aegis.config.* sets (format:) or the default.`

const options = {
  ...reportFlags,
  json: { type: 'boolean' },
  profile: { type: 'string' },
  'kratos-version': { type: 'string' },
  'env-file': { type: 'string', multiple: true },
} as const

type Entry = readonly [string, Setting<unknown>]

const entries = (s: EffectiveSettings): Entry[] =>
  Object.entries(s).filter((e): e is [string, Setting<unknown>] => e[0] !== 'configFile')

const shown = (name: string, value: unknown): string => {
  // The Kratos version is detected from the inputs by each command.
  if (value === null) return name === 'kratosVersion' ? '(the command decides)' : '(none)'
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ')
  if (typeof value === 'object') {
    const pairs = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${k}: ${String(v)}`,
    )
    return pairs.length === 0 ? '(none)' : pairs.join(', ')
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}

const asText = (s: EffectiveSettings): string => {
  const width = Math.max(...entries(s).map(([n]) => n.length))
  const lines = entries(s).map(
    ([n, v]) => `${n.padEnd(width)}  ${shown(n, v.value)}  (${v.source})`,
  )
  return `${[`# project configuration: ${s.configFile ?? '(none found)'}`, ...lines].join('\n')}\n`
}

const run = async (argv: readonly string[], io: CommandIO): Promise<number> => {
  const { values, positionals } = parse(argv, options, usage)
  const given = stringFlag(values['format'])
  const format =
    values['json'] === true ? 'json' : oneOf('--format', given ?? 'text', ['text', 'json'])
  if (values['json'] === true && given !== undefined && given !== 'json')
    throw new AegisError('AEGIS_USAGE', `--json and --format ${given} disagree: give one`)
  const settingFlags = Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'format'))
  const settings = await loadEffectiveSettings({ values: settingFlags, io, positionals })
  io.stdout(format === 'json' ? `${JSON.stringify(settings, null, 2)}\n` : asText(settings))
  return 0
}

export default defineCommand({
  name: 'config print',
  summary: 'print the effective kratos-aegis settings and where each comes from',
  usage,
  details,
  run,
})
