/**
 * The `aegis` command line: known errors print one line and a hint, never a stack (set
 * AEGIS_DEBUG=1 for one); exit code 2 for every tool error. bin/aegis.js runs it through
 * launch.ts, which bundles this module and what it imports (scripts/build-cli.mjs).
 */
import { isAegisError } from '../errors.ts'
import { toolName, toolVersion } from '../version.ts'
import { helpText, wantsHelp, type CommandIO } from './command.ts'
import { commands } from './commands/index.ts'
import { redactPatterns } from '../redact/patterns.ts'

const help = (): string => {
  const width = Math.max(...Object.keys(commands).map((n) => n.length))
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`)
  return [
    `${toolName} ${toolVersion}: find, prove and close Ory Kratos session weaknesses`,
    '',
    'Usage: aegis <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `aegis <command> --help` for the options of a command.',
    '',
  ].join('\n')
}

export const runCli = async (argv: readonly string[], io: CommandIO): Promise<number> => {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help())
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${toolName} ${toolVersion}\n`)
    return 0
  }
  const entry = commands[name]
  if (entry === undefined) {
    io.stderr(
      `aegis: unknown command '${name}' (AEGIS_USAGE)\nRun \`aegis --help\` for the list.\n`,
    )
    return 2
  }
  try {
    const command = await entry.load()
    if (command.ownHelp !== true && wantsHelp(rest)) {
      io.stdout(helpText(command))
      return 0
    }
    return await command.run(rest, io)
  } catch (error) {
    // Errors quote what the user typed (an input path, a flag value): whatever holds a secret's
    // shape (a URL's user:password@, a token, a credential parameter) is masked here, once for
    // every command, behind the masking each message does itself.
    if (isAegisError(error)) {
      io.stderr(`aegis: ${redactPatterns(error.toLine())}\n`)
      if (error.hint !== undefined) io.stderr(`hint: ${redactPatterns(error.hint)}\n`)
      return 2
    }
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`aegis: internal error: ${redactPatterns(message)} (AEGIS_INTERNAL)\n`)
    if (io.env['AEGIS_DEBUG'] === '1' && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`)
    return 2
  }
}

/** Runs the command line on this process' arguments and streams; sets the exit code. */
export const runProcess = async (): Promise<void> => {
  const io: CommandIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: process.stdout.isTTY,
    env: process.env,
    cwd: process.cwd(),
  }
  process.exitCode = await runCli(process.argv.slice(2), io)
}
