/**
 * The one error class of kratos-aegis. Every known failure has a stable code from `errorCodes`;
 * the CLI prints it as one line (`file:line:column: message (CODE)`) and a hint, never a stack.
 * Codes are never reused once retired. The catalogue is documented in docs/errors.md, and a test
 * keeps the two in step.
 */
export const errorCodes = {
  AEGIS_USAGE: 'the command line is not valid',
  AEGIS_FILE_NOT_FOUND: 'an input file does not exist',
  AEGIS_FILE_UNREADABLE: 'an input file cannot be read',
  AEGIS_FILE_TOO_LARGE: 'an input file is larger than the loader accepts',
  AEGIS_FILE_BINARY: 'an input file is not text',
  AEGIS_PARSE: 'an input file is not valid YAML, JSON or TOML',
  AEGIS_DUPLICATE_KEY: 'an input file repeats a key',
  AEGIS_ALIAS_LIMIT: 'a YAML file expands too many aliases',
  AEGIS_TOO_DEEP: 'an input nests deeper than the loader accepts',
  AEGIS_TOO_MANY_FILES: 'a directory holds more files than the loader accepts',
  AEGIS_UNSUPPORTED_INPUT: 'an input is of a kind kratos-aegis does not read',
  AEGIS_NO_KRATOS_CONFIG:
    'the inputs hold no Kratos configuration, Kratos compose service or Kratos container',
  AEGIS_BAD_VALUE: 'a value cannot be interpreted',
  AEGIS_PROFILE_UNKNOWN: 'the policy profile does not exist',
  AEGIS_VERSION_UNKNOWN: 'the Kratos version is not one kratos-aegis knows',
  AEGIS_FILE_CHANGED: 'a file changed on disk since it was read',
  AEGIS_WRITE_FAILED: 'a file could not be written',
  AEGIS_CONFIG_INVALID: 'the kratos-aegis project configuration is not valid',
  AEGIS_BASELINE_INVALID: 'the baseline file is not valid',
  AEGIS_TARGET_UNREACHABLE: 'the probe target cannot be reached',
  AEGIS_HOST_NOT_ALLOWED: 'a request would leave the hosts the user named',
  AEGIS_BUDGET_EXCEEDED: 'the probe used up its request budget',
  AEGIS_BROWSER_UNAVAILABLE:
    'the browser checks cannot start: the system Chromium, or the local attacker site they use',
  AEGIS_IDENTITY_LOGIN_FAILED: "the probe's test identity cannot log in",
  AEGIS_IDENTITY_CREATE_FAILED: 'the admin API did not create the test identity',
  AEGIS_CHECKS_ERRORED: 'probe checks ended in error: the report is incomplete',
  AEGIS_INTERNAL: 'an unexpected internal error',
} as const

export type ErrorCode = keyof typeof errorCodes

export interface ErrorPosition {
  readonly file: string
  readonly line?: number
  readonly column?: number
}

export class AegisError extends Error {
  override readonly name = 'AegisError'
  readonly code: ErrorCode
  readonly position: ErrorPosition | undefined
  readonly hint: string | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { position?: ErrorPosition; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.position = options.position
    this.hint = options.hint
  }

  /** One line, as the CLI prints it: `file:line:column: message (CODE)`. */
  toLine(): string {
    const p = this.position
    const where =
      p === undefined
        ? ''
        : `${p.file}${p.line === undefined ? '' : `:${p.line}`}${p.column === undefined ? '' : `:${p.column}`}: `
    return `${where}${this.message} (${this.code})`
  }
}

export const isAegisError = (value: unknown): value is AegisError => value instanceof AegisError
