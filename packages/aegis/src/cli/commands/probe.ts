import { AegisError } from '../../errors.ts'
import { createBrowserHandle } from '../../probe/browser/handle.ts'
import { parseDuration } from '../../kratos/index.ts'
import { checks } from '../../probe/checks/index.ts'
import type { OriginAuth } from '../../probe/client.ts'
import { runProbe } from '../../probe/run-probe.ts'
import { defineCommand, parse, stringFlag, stringFlags, type CommandIO } from '../command.ts'
import {
  effectiveProfile,
  emitReport,
  loadEffectiveSettings,
  reportFlags,
  reportUsage,
} from '../report-flags.ts'

const usage = `aegis probe --public-url URL [--admin-url URL] [--app-url URL] [--identity IDENTIFIER:PASSWORD | --create-identity] [--profile ID] [--allow-intrusive] [--browser] [--app-idle-timeout DURATION] [--app-login-path PATH] [--app-logout-path PATH] [--only ID[,ID…]] [--timeout MS] [--budget N] [--allow-errors] ${reportUsage}`

const options = {
  'public-url': { type: 'string' },
  'admin-url': { type: 'string' },
  'app-url': { type: 'string' },
  identity: { type: 'string' },
  'create-identity': { type: 'boolean' },
  profile: { type: 'string' },
  'allow-intrusive': { type: 'boolean' },
  browser: { type: 'boolean' },
  'app-idle-timeout': { type: 'string' },
  'app-login-path': { type: 'string' },
  'app-logout-path': { type: 'string' },
  only: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  budget: { type: 'string' },
  'allow-errors': { type: 'boolean' },
  ...reportFlags,
} as const

/**
 * The value as an error may show it: everything after the scheme up to the last `@` is never
 * echoed. Not only up to the first `/`, `?` or `#`, where a URL parser ends user:password@: a
 * password typed with one of those unencoded makes the URL invalid and sits before that `@`.
 */
const shown = (s: string): string => s.replace(/^([a-z][a-z\d+.-]*:[/\\]{2})?[\s\S]*@/i, '$1…@')

/**
 * A stray argument as an error may show it: a URL as shown() does, anything else up to its first
 * `:`, since IDENTIFIER:PASSWORD given without `--identity` in front is a stray too.
 */
const shownStray = (s: string): string =>
  /^[a-z][a-z\d+.-]*:[/\\]{2}/i.test(s) ? shown(s) : s.replace(/:[\s\S]*/, ':…')

interface GivenUrl {
  readonly url: URL
  /** From the URL's user:password@, which is stripped from `url`. */
  readonly auth?: OriginAuth
}

const url = (v: unknown, flag: string, credentials: boolean): GivenUrl | undefined => {
  const s = stringFlag(v)
  if (s === undefined) return undefined
  let u: URL | undefined
  try {
    u = new URL(s)
  } catch {
    // reported below
  }
  if (u?.protocol !== 'http:' && u?.protocol !== 'https:')
    throw new AegisError('AEGIS_USAGE', `${flag} must be an http(s) URL, got '${shown(s)}'`, {
      hint: usage,
    })
  if (u.username === '' && u.password === '') return { url: u }
  if (!credentials)
    throw new AegisError(
      'AEGIS_USAGE',
      `${flag} must not contain credentials (user:password@): the browser checks cannot send them`,
    )
  // fetch refuses URLs with userinfo: the client sends it as a header to this origin only.
  let user: string
  let password: string
  try {
    user = decodeURIComponent(u.username)
    password = decodeURIComponent(u.password)
  } catch {
    throw new AegisError(
      'AEGIS_USAGE',
      `${flag} has a user:password@ part that is not valid percent-encoding`,
    )
  }
  u.username = ''
  u.password = ''
  const token = Buffer.from(`${user}:${password}`, 'utf8').toString('base64')
  return { url: u, auth: { authorization: `Basic ${token}`, secrets: [user, password] } }
}

/**
 * AEGIS_ADMIN_AUTHORIZATION: the whole Authorization value for --admin-url (e.g. `Bearer …` for a
 * token proxy), kept off the command line, where `ps` and shell history show it.
 */
const envAuth = (io: CommandIO): OriginAuth | undefined => {
  const value = io.env['AEGIS_ADMIN_AUTHORIZATION']
  if (value === undefined || value === '') return undefined
  if (/[\0\r\n]/.test(value) || value.trim() === '')
    throw new AegisError(
      'AEGIS_USAGE',
      'AEGIS_ADMIN_AUTHORIZATION is not a valid header value (value not shown)',
    )
  return { authorization: value.trim(), secrets: [] }
}

/** Origin → credentials; the same origin with two different credentials is ambiguous. */
const originAuth = (
  given: readonly (readonly [URL, OriginAuth | undefined])[],
): Map<string, OriginAuth> => {
  const out = new Map<string, OriginAuth>()
  for (const [u, auth] of given) {
    if (auth === undefined) continue
    const prior = out.get(u.origin)
    if (prior !== undefined && prior.authorization !== auth.authorization)
      throw new AegisError(
        'AEGIS_USAGE',
        `two different credentials given for ${u.origin} (--public-url, --admin-url, AEGIS_ADMIN_AUTHORIZATION)`,
      )
    out.set(u.origin, auth)
  }
  return out
}

const positive = (v: unknown, flag: string): number | undefined => {
  const s = stringFlag(v)
  if (s === undefined) return undefined
  const n = Number(s)
  if (!Number.isInteger(n) || n <= 0)
    throw new AegisError('AEGIS_USAGE', `${flag} takes a positive whole number`)
  return n
}

/** A path of the application (or a URL on its origin), kept as the path the checks resolve. */
const appPath = (v: unknown, flag: string, app: URL | undefined): string | undefined => {
  const s = stringFlag(v)
  if (s === undefined) return undefined
  if (app === undefined) throw new AegisError('AEGIS_USAGE', `${flag} needs --app-url`)
  let resolved: URL | undefined
  try {
    resolved = new URL(s, app)
  } catch {
    // reported below
  }
  if (resolved?.origin !== app.origin)
    throw new AegisError(
      'AEGIS_USAGE',
      `${flag} must be a path of the --app-url origin, got '${shown(s)}'`,
    )
  return resolved.pathname + resolved.search
}

/**
 * probe takes no positional argument: a stray one is a mistyped flag or a second id after
 * `--only` (which takes one value), never something to drop silently. A word right after
 * `--identity`'s value is likely the rest of a password with a space in it: not echoed.
 */
const refuseStray = (argv: readonly string[], positionals: readonly string[]): void => {
  const stray = positionals[0]
  if (stray === undefined) return
  const at = argv.lastIndexOf(stray)
  const follows = (flag: string): boolean =>
    (at >= 2 && argv[at - 2] === flag) || (argv[at - 1]?.startsWith(`${flag}=`) ?? false)
  const afterIdentity = follows('--identity')
  const afterOnly = follows('--only')
  throw new AegisError(
    'AEGIS_USAGE',
    afterIdentity
      ? 'unexpected argument after --identity IDENTIFIER:PASSWORD (not shown; quote a password that contains spaces)'
      : `unexpected argument '${shownStray(stray)}'${afterOnly ? ' after --only' : ''}`,
    {
      hint: afterOnly
        ? 'several checks: --only a,b or --only a --only b'
        : 'probe takes no positional arguments; every input is a flag',
    },
  )
}

const run = async (argv: readonly string[], io: CommandIO): Promise<number> => {
  const { values, positionals } = parse(argv, options, usage)
  refuseStray(argv, positionals)
  const publicGiven = url(values['public-url'], '--public-url', true)
  if (publicGiven === undefined)
    throw new AegisError('AEGIS_USAGE', '--public-url is required', { hint: usage })
  const adminGiven = url(values['admin-url'], '--admin-url', true)
  const fromEnv = envAuth(io)
  if (fromEnv !== undefined && adminGiven?.auth !== undefined)
    throw new AegisError(
      'AEGIS_USAGE',
      '--admin-url has user:password@ and AEGIS_ADMIN_AUTHORIZATION is set: give one',
    )
  const publicUrl = publicGiven.url
  const adminUrl = adminGiven?.url
  const auth = originAuth([
    [publicUrl, publicGiven.auth],
    ...(adminUrl === undefined ? [] : [[adminUrl, adminGiven?.auth ?? fromEnv] as const]),
  ])
  const appUrl = url(values['app-url'], '--app-url', false)?.url
  const appLoginPath = appPath(values['app-login-path'], '--app-login-path', appUrl)
  const appLogoutPath = appPath(values['app-logout-path'], '--app-logout-path', appUrl)
  // `--only a,b` and `--only a --only b` both select a and b (the usage line promises both).
  const only = stringFlags(values['only'])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
  const unknown = only.filter((id) => !checks.some((c) => c.id === id))
  if (unknown.length > 0) {
    throw new AegisError('AEGIS_USAGE', `unknown check(s): ${unknown.join(', ')}`, {
      hint: `checks: ${checks.map((c) => c.id).join(', ')}`,
    })
  }
  const selected = only.length === 0 ? checks : checks.filter((c) => only.includes(c.id))
  const interrupt = new AbortController()
  const onSigint = (): void => {
    io.stderr('aegis: interrupted, cleaning up what the probe made\n')
    interrupt.abort()
  }
  process.once('SIGINT', onSigint)
  const progress = io.isTTY && io.env['CI'] === undefined
  const started = Date.now()
  const identity = stringFlag(values['identity'])
  const timeoutMs = positive(values['timeout'], '--timeout')
  const budget = positive(values['budget'], '--budget')
  const idleText = stringFlag(values['app-idle-timeout'])
  const appIdleTimeout = idleText === undefined ? undefined : parseDuration(idleText)
  if (appIdleTimeout === null || (appIdleTimeout !== undefined && appIdleTimeout <= 0)) {
    throw new AegisError(
      'AEGIS_USAGE',
      `--app-idle-timeout takes a Go duration such as 15m, got '${idleText ?? ''}'`,
    )
  }
  // --profile, else aegis.config.*'s profile:, as audit; read before any request is sent.
  const settings = await loadEffectiveSettings({ values, io })
  const profile = effectiveProfile(settings)
  try {
    const result = await runProbe({
      target: {
        publicUrl,
        ...(adminUrl === undefined ? {} : { adminUrl }),
        ...(appUrl === undefined ? {} : { appUrl }),
      },
      originAuth: auth,
      checks: selected,
      profile,
      ...(identity === undefined ? {} : { identity }),
      createIdentity: values['create-identity'] === true,
      allowIntrusive: values['allow-intrusive'] === true,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(appIdleTimeout === undefined
        ? {}
        : // The idle check waits out the timeout: give it that long plus the usual budget.
          { appIdleTimeout, checkTimeoutMs: Math.max(30_000, appIdleTimeout * 1000 + 30_000) }),
      ...(budget === undefined ? {} : { budget }),
      ...(appLoginPath === undefined ? {} : { appLoginPath }),
      ...(appLogoutPath === undefined ? {} : { appLogoutPath }),
      signal: interrupt.signal,
      // One Chromium for the run, started by the first browser check; the runner closes it.
      ...(values['browser'] === true ? { browser: createBrowserHandle() } : {}),
      ...(progress
        ? {
            onProgress: ({ check, done, total }) => {
              const secs = ((Date.now() - started) / 1000).toFixed(1)
              io.stderr(`\r\x1b[K[${done + 1}/${total}] ${check} (${secs}s)`)
            },
          }
        : {}),
    })
    if (progress) io.stderr('\r\x1b[K')
    return await emitReport(result, {
      values,
      io,
      sources: new Map(),
      errorsFail: values['allow-errors'] !== true,
      settings,
    })
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}

const details = `An admin API behind a proxy with authentication:
  --admin-url https://USER:PASSWORD@admin.example/   sent as Authorization: Basic to that origin only
  AEGIS_ADMIN_AUTHORIZATION='Basic …' or 'Bearer …'  the whole Authorization value for --admin-url
Prefer the environment variable: a password on the command line shows in \`ps\` and shell history.
Either way the credentials appear in no output, evidence or report. --public-url takes USER:PASSWORD@
too; --app-url does not (the browser checks cannot send it).`

export default defineCommand({
  name: 'probe',
  summary: 'prove or clear session weaknesses against a running Kratos, with evidence',
  usage,
  details,
  run,
})
