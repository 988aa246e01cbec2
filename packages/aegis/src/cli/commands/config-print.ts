/**
 * `aegis config print`: the effective kratos-aegis settings (flags > aegis.config.* > defaults),
 * each with where it came from, the `--show-config` of Checkov and Trivy (STANDARDS.md §3).
 */
import type { EffectiveSettings, Setting } from '../../engine/project-settings.ts'
import { defineCommand, parse, type CommandIO } from '../command.ts'
import { loadEffectiveSettings, reportFlags, reportUsage } from '../report-flags.ts'

const usage = `aegis config print [--json] [--profile ID] [--kratos-version V] [--env-file F…] [inputs…] ${reportUsage}`

const options = {
  json: { type: 'boolean' },
  profile: { type: 'string' },
  'kratos-version': { type: 'string' },
  'env-file': { type: 'string', multiple: true },
  ...reportFlags,
} as const

type Entry = readonly [string, Setting<unknown>]

const entries = (s: EffectiveSettings): Entry[] =>
  Object.entries(s).filter((e): e is [string, Setting<unknown>] => e[0] !== 'configFile')

const shown = (name: string, value: unknown): string => {
  if (value === null)
    return name === 'profile' || name === 'kratosVersion' ? '(the command decides)' : '(none)'
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
  const settings = await loadEffectiveSettings({ values, io, positionals })
  io.stdout(values['json'] === true ? `${JSON.stringify(settings, null, 2)}\n` : asText(settings))
  return 0
}

export default defineCommand({
  name: 'config print',
  summary: 'print the effective kratos-aegis settings and where each comes from',
  usage,
  run,
})
