import { loadDeployment } from '../../config/index.ts'
import type { ConfigView } from '../../config/types.ts'
import { AegisError } from '../../errors.ts'
import { ageSeconds } from '../../rotate/durations.ts'
import {
  inspectCookie,
  inspectionJson,
  parseCookieArg,
  renderInspection,
} from '../../rotate/inspect.ts'
import { cookieSettings, parseSecretArgs, secretsFromView } from '../../rotate/secret-sources.ts'
import { defineCommand, oneOf, parse, stringFlag, stringFlags } from '../command.ts'

const usage =
  'aegis cookie inspect <cookie> (--secrets S… | --secrets-env VAR | --secrets-from FILE…) [--name N] [--max-age DUR] [--at TIME] [--format text|json]'

const options = {
  secrets: { type: 'string', multiple: true },
  'secrets-env': { type: 'string' },
  'secrets-from': { type: 'string', multiple: true },
  name: { type: 'string' },
  'max-age': { type: 'string' },
  at: { type: 'string' },
  format: { type: 'string', default: 'text' },
} as const

/** Kratos reads an array env var as JSON, else as one CSV line (FACTS.md §3). */
const secretsFromEnv = (raw: string): string[] =>
  raw.trimStart().startsWith('[') ? parseSecretArgs([raw]) : raw.split(',')

const when = (text: string | undefined): Date => {
  if (text === undefined) return new Date()
  const d = new Date(text)
  if (Number.isNaN(d.getTime())) throw new AegisError('AEGIS_USAGE', `--at: not a time: ${text}`)
  return d
}

export default defineCommand({
  name: 'cookie',
  summary: 'decode a Kratos session cookie with the configured secrets (token redacted)',
  usage,
  run: async (argv, io) => {
    const { values, positionals } = parse(argv, options, usage)
    const format = oneOf('--format', stringFlag(values['format']) ?? 'text', ['text', 'json'])
    const [sub, cookieText, ...extra] = positionals
    if (sub !== 'inspect' || cookieText === undefined || extra.length > 0) {
      throw new AegisError('AEGIS_USAGE', 'expected `cookie inspect <cookie>`', { hint: usage })
    }
    const from = stringFlags(values['secrets-from'])
    let view: ConfigView | null = null
    if (from.length > 0) view = (await loadDeployment(from, { cwd: io.cwd })).view
    let secrets = parseSecretArgs(stringFlags(values['secrets']))
    let secretsKey = '--secrets'
    const envName = stringFlag(values['secrets-env'])
    if (envName !== undefined) {
      const raw = io.env[envName]
      if (raw === undefined)
        throw new AegisError('AEGIS_USAGE', `--secrets-env: ${envName} is not set`)
      secrets = [...secrets, ...secretsFromEnv(raw)]
      secretsKey = envName
    }
    if (secrets.length === 0 && view !== null) {
      const list = secretsFromView(view, 'cookie')
      secrets = [...list.secrets]
      secretsKey = list.key
    }
    if (secrets.length === 0) {
      throw new AegisError('AEGIS_USAGE', 'no secrets to decode with', { hint: usage })
    }
    const settings = cookieSettings(view)
    const cookie = parseCookieArg(cookieText)
    const maxAgeText = stringFlag(values['max-age'])
    const maxAge = maxAgeText === undefined ? settings.maxAgeSeconds : ageSeconds(maxAgeText)
    if (maxAge === null)
      throw new AegisError('AEGIS_USAGE', `--max-age: not a duration: ${maxAgeText ?? ''}`)
    const inspection = inspectCookie({
      name: stringFlag(values['name']) ?? cookie.name ?? settings.name,
      value: cookie.value,
      secrets,
      secretsKey,
      maxAgeSeconds: maxAge,
      now: when(stringFlag(values['at'])),
    })
    io.stdout(
      format === 'json'
        ? `${JSON.stringify(inspectionJson(inspection), null, 2)}\n`
        : renderInspection(inspection, maxAge),
    )
    return inspection.result.ok ? 0 : 1
  },
})
