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
  run(argv: readonly string[], io: CommandIO): Promise<number>
}

export const defineCommand = (command: Command): Command => command

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
    const message = error instanceof Error ? error.message : String(error)
    throw new AegisError('AEGIS_USAGE', message.split('\n')[0] ?? message, { hint: usage })
  }
}
