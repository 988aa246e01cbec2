/**
 * The shape of one CLI command: parse, call the library, pick a reporter. No logic lives here.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 tool error.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { AegisError } from '../errors.ts'

export interface CommandIO {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly isTTY: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

export interface Command {
  readonly name: string
  readonly summary: string
  readonly usage: string
  /** More help after the usage line: what the flags mean, environment variables. */
  readonly details?: string
  /**
   * Commands with subcommands (`config`) answer --help themselves, with the subcommand's help
   * when one is named; the others get theirs from runCli.
   */
  readonly ownHelp?: boolean
  run(argv: readonly string[], io: CommandIO): Promise<number>
}

export const defineCommand = (command: Command): Command => command

/** A string flag's value; parseArgs types every value as string, boolean or a list of them. */
export const stringFlag = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined

/** A `multiple: true` flag's values, none when it was not given. */
export const stringFlags = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [])

/** One spelling for a bad choice, whatever the command (QA N19). */
export const oneOf = <T extends string>(flag: string, value: string, list: readonly T[]): T => {
  if ((list as readonly string[]).includes(value)) return value as T
  throw new AegisError('AEGIS_USAGE', `${flag} must be one of ${list.join(', ')} (got "${value}")`)
}

/** Extra positional arguments are usage errors in every command, never ignored (QA N19). */
export const refuseExtra = (positionals: readonly string[], max: number, usage: string): void => {
  const extra = positionals[max]
  if (extra === undefined) return
  throw new AegisError('AEGIS_USAGE', `unexpected argument '${extra}'`, { hint: usage })
}

/** What `aegis <command> --help` prints. */
export const helpText = (command: Command): string =>
  `${command.summary}\n\nUsage: ${command.usage}\n${command.details === undefined ? '' : `\n${command.details.trimEnd()}\n`}`

export const wantsHelp = (argv: readonly string[]): boolean => {
  // After `--` everything is an argument, a file named --help included.
  const end = argv.indexOf('--')
  const flags = end === -1 ? argv : argv.slice(0, end)
  return flags.includes('--help') || flags.includes('-h')
}

/** Edit distance, for did-you-mean on a mistyped flag. */
const distance = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    prev = cur
  }
  return prev[b.length] ?? 0
}

/** The closest known flag, if close enough to be a typo (a third of its length, at least 2). */
export const closest = (given: string, known: readonly string[]): string | undefined => {
  let best: string | undefined
  let bestD = Infinity
  for (const k of known) {
    const d = distance(given, k)
    if (
      d < bestD ||
      (d === bestD && best !== undefined && k.startsWith(given) && !best.startsWith(given))
    ) {
      best = k
      bestD = d
    }
  }
  const limit = Math.max(2, Math.floor((best?.length ?? 0) / 3))
  return bestD <= limit ? best : undefined
}

/** util.parseArgs' error as our own line: it quotes unbalanced and suggests nothing (QA N1). */
const usageMessage = (error: unknown, options: Options): string => {
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  const flag = /'(-[^' <]+)/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
    const name = flag.replace(/=.*$/, '')
    const known = [...Object.keys(options).map((o) => `--${o}`), '--help']
    const near = name.startsWith('--') ? closest(name, known) : undefined
    return `unknown option '${name}'${near === undefined ? '' : `; did you mean '${near}'?`}`
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag !== undefined) {
    return message.includes('does not take an argument')
      ? `${flag} takes no value`
      : `${flag} needs a value`
  }
  return message.split('\n')[0] ?? message
}

type Options = NonNullable<ParseArgsConfig['options']>

/** util.parseArgs with errors turned into one-line usage errors. */
export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>
  readonly positionals: readonly string[]
}

export const parse = (argv: readonly string[], options: Options, usage: string): Parsed => {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new AegisError('AEGIS_USAGE', usageMessage(error, options), { hint: usage })
  }
}
