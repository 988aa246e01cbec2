/**
 * The probe runner: preflight, test identity, checks (read-only ones concurrently, state-changing
 * ones one at a time, each under its own timeout), cleanup whatever happened, then one RunResult
 * for the reporters.
 */
import { AegisError } from '../errors.ts'
import { summarize, type Finding, type RunResult, type UnitResult } from '../engine/finding.ts'
import type { Profile } from '../profiles/index.ts'
import { toolName, toolVersion } from '../version.ts'
import { ProbeClient, type OriginAuth } from './client.ts'
import { checkDocsPath } from './define-check.ts'
import { loginApi, loginBrowser } from './flows.ts'
import { cleanup, createIdentity, parseIdentity } from './identity.ts'
import type {
  Check,
  CheckContext,
  CheckResult,
  ProbeIdentity,
  ProbeSession,
  Requirement,
  Target,
} from './types.ts'

export interface ProbeOptions {
  readonly target: Target
  /**
   * Credentials per origin (an admin API behind a basic-auth proxy), sent by the client to that
   * origin only; kept out of the target URLs, which reports and messages print.
   */
  readonly originAuth?: ReadonlyMap<string, OriginAuth>
  readonly checks: readonly Check[]
  readonly profile: Profile
  /** IDENTIFIER:PASSWORD of an existing identity. */
  readonly identity?: string
  readonly createIdentity?: boolean
  readonly allowIntrusive?: boolean
  readonly browser?: CheckContext['browser']
  readonly appIdleTimeout?: number
  readonly appLoginPath?: string
  readonly appLogoutPath?: string
  readonly timeoutMs?: number
  readonly checkTimeoutMs?: number
  readonly budget?: number
  readonly concurrency?: number
  readonly signal?: AbortSignal
  readonly onProgress?: (event: { check: string; done: number; total: number }) => void
}

/** URLs are bases: a trailing slash makes relative joins keep any path prefix. */
export const asBase = (url: URL): URL => new URL(url.href.endsWith('/') ? url.href : `${url.href}/`)

const skipReason = (check: Check, opts: ProbeOptions, identity: unknown): string | undefined => {
  if (check.meta.intrusive && opts.allowIntrusive !== true)
    return 'changes state on the target: run with --allow-intrusive'
  for (const need of check.meta.requires) {
    if (need === 'admin' && opts.target.adminUrl === undefined) return 'needs --admin-url'
    if (need === 'app' && opts.target.appUrl === undefined) return 'needs --app-url'
    if (need === 'identity' && identity === undefined)
      return 'needs --identity or --create-identity'
    if (need === 'browser' && opts.browser === undefined) return 'needs --browser'
  }
  return undefined
}

const preflight = async (http: ProbeClient, target: Target): Promise<void> => {
  try {
    const res = await http.request({
      url: new URL('health/alive', target.publicUrl),
      jar: null,
      label: 'preflight',
    })
    if (res.status >= 500) throw new Error(`status ${res.status}`)
  } catch (error) {
    if (error instanceof AegisError) throw error
    const why = error instanceof Error ? error.message : String(error)
    throw new AegisError(
      'AEGIS_TARGET_UNREACHABLE',
      `${target.publicUrl.origin} did not answer: ${why}`,
    )
  }
}

/**
 * One API login with the test identity before the checks: a wrong --identity password otherwise
 * turns every identity check into the same `error` (QA M5). The session joins the cleanup.
 */
const verifyLogin = async (
  http: ProbeClient,
  base: URL,
  identity: ProbeIdentity,
  created: boolean,
  sessions: ProbeSession[],
  signal: AbortSignal,
): Promise<void> => {
  try {
    sessions.push(await loginApi(http, base, identity, signal))
  } catch (error) {
    if (error instanceof AegisError) throw error
    const why = http.redactor.text(error instanceof Error ? error.message : String(error))
    throw new AegisError(
      'AEGIS_IDENTITY_LOGIN_FAILED',
      created
        ? `the test identity the probe created could not log in (${why})`
        : `the test identity given with --identity could not log in (${why})`,
      {
        hint: created
          ? 'the probe logs in with the password method: is selfservice.methods.password enabled?'
          : 'check the login identifier (e.g. the email, not the identity id) and the password given to --identity',
      },
    )
  }
}

/**
 * Starts the browser before the checks: no browser is a tool error, not five errored checks.
 * createBrowserHandle's errors already say what failed (Chromium, or the attacker site); only
 * another handle's plain error is wrapped here, without guessing which part it was.
 */
const startBrowser = async (browser: NonNullable<CheckContext['browser']>): Promise<void> => {
  try {
    await browser.launch()
  } catch (error) {
    if (error instanceof AegisError) throw error
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    throw new AegisError('AEGIS_BROWSER_UNAVAILABLE', `the browser handle did not start: ${why}`)
  }
}

export const runProbe = async (opts: ProbeOptions): Promise<RunResult> => {
  const target: Target = {
    publicUrl: asBase(opts.target.publicUrl),
    ...(opts.target.adminUrl === undefined ? {} : { adminUrl: asBase(opts.target.adminUrl) }),
    // The app URL is a page that needs a session, not a base: kept as given (/account, not /account/).
    ...(opts.target.appUrl === undefined ? {} : { appUrl: opts.target.appUrl }),
  }
  const origins = [target.publicUrl, target.adminUrl, target.appUrl].filter(
    (u): u is URL => u !== undefined,
  )
  const http = new ProbeClient({
    allowedOrigins: origins,
    timeoutMs: opts.timeoutMs ?? 5_000,
    budget: opts.budget ?? 2_000,
    ...(opts.originAuth === undefined ? {} : { originAuth: opts.originAuth }),
  })
  const run = new AbortController()
  const stop = opts.signal === undefined ? run.signal : AbortSignal.any([run.signal, opts.signal])
  // A malformed --identity is a usage error before anything is sent.
  const given = opts.identity === undefined ? undefined : parseIdentity(opts.identity)
  if (given !== undefined) http.redactor.remember(given.password)
  await preflight(http, target)

  let identity: ProbeIdentity | undefined
  let created: ProbeIdentity | undefined
  if (given !== undefined) {
    identity = given
  } else if (opts.createIdentity === true) {
    if (target.adminUrl === undefined)
      throw new AegisError('AEGIS_USAGE', '--create-identity needs --admin-url')
    created = identity = await createIdentity(http, target.adminUrl)
  }

  const sessions: ProbeSession[] = []
  const units: UnitResult[] = []
  const findings: Finding[] = []
  try {
    const ordered = [...opts.checks].sort(
      (a, b) => Number(a.meta.intrusive) - Number(b.meta.intrusive),
    )
    const runnable = ordered.filter((c) => skipReason(c, opts, identity) === undefined)
    const needs = (r: Requirement): boolean => runnable.some((c) => c.meta.requires.includes(r))
    // Without these two, every check that needs them would end in `error` with the same cause
    // and the run would read as "n errored"; they are tool errors before any check runs.
    if (identity !== undefined && needs('identity')) {
      await verifyLogin(http, target.publicUrl, identity, created !== undefined, sessions, stop)
    }
    if (opts.browser !== undefined && needs('browser')) await startBrowser(opts.browser)
    http.takeEvidence()
    let done = 0
    for (const check of ordered) {
      if (stop.aborted) break
      opts.onProgress?.({ check: check.id, done, total: ordered.length })
      const started = performance.now()
      const reason = skipReason(check, opts, identity)
      const result: CheckResult =
        reason !== undefined
          ? { outcome: 'skipped', message: reason }
          : await runOne(check, {
              target,
              http,
              identity,
              profile: opts.profile,
              signal: stop,
              sessions,
              opts,
            })
      const evidence = [...(result.evidence ?? []), ...http.takeEvidence()]
      const severity = result.severity ?? check.meta.severity
      units.push({
        id: check.id,
        title: check.meta.title,
        description: check.meta.description,
        severity,
        concern: check.meta.concern,
        helpUri: checkDocsPath(check.id),
        outcome: result.outcome,
        // A pass keeps what it observed as `message`; the other outcomes say why as `reason`.
        ...(result.outcome === 'pass'
          ? result.message === ''
            ? {}
            : { message: http.redactor.text(result.message) }
          : { reason: http.redactor.text(result.message) }),
        durationMs: Math.round(performance.now() - started),
        references: check.meta.references,
      })
      if (result.outcome === 'fail') {
        findings.push({
          ruleId: check.id,
          severity,
          concern: check.meta.concern,
          key: result.key ?? check.meta.key,
          message: http.redactor.text(result.message),
          location: null,
          origin: 'probe',
          references: check.meta.references,
          fix: null,
          suppressed: null,
          evidence,
        })
      }
      done++
    }
  } finally {
    // Cleanup runs even when a check threw or the run was interrupted.
    await cleanup(http, target, sessions, created).catch(() => undefined)
    await opts.browser?.close?.().catch(() => undefined)
  }
  return {
    tool: { name: toolName, version: toolVersion },
    kind: 'probe',
    profile: opts.profile.id,
    kratosVersion: null,
    inputs: origins.map((u) => u.origin),
    units,
    findings,
    summary: summarize(findings),
  }
}

interface RunOneContext {
  readonly target: Target
  readonly http: ProbeClient
  readonly identity: ProbeIdentity | undefined
  readonly profile: Profile
  readonly signal: AbortSignal
  readonly sessions: ProbeSession[]
  readonly opts: ProbeOptions
}

/** `1.5`, `30`: seconds as a user would write them. */
const seconds = (ms: number): string => String(Math.round(ms / 100) / 10)

/** How long a timed-out check gets to run its own cleanup (finally blocks) once its pages close. */
const settleMs = 3_000

/**
 * Runs one check under its time budget. The budget aborts the check's signal (its HTTP requests)
 * and, since a check may also wait on a browser or on anything else, ends the check itself: it is
 * recorded as `error` at the deadline, its browser contexts are closed so pending page calls fail,
 * and it gets a short while to run its own cleanup. Sessions it opened are already with the
 * runner (ctx.login, ctx.remember) and are ended at the end of the run.
 */
const runOne = async (check: Check, c: RunOneContext): Promise<CheckResult> => {
  const limitMs = c.opts.checkTimeoutMs ?? 30_000
  const deadline = new AbortController()
  const timer = setTimeout(() => {
    deadline.abort()
  }, limitMs)
  const signal = AbortSignal.any([c.signal, deadline.signal])
  const ctx: CheckContext = {
    target: c.target,
    http: c.http,
    identity: c.identity,
    profile: c.profile,
    signal,
    login: async (kind) => {
      if (c.identity === undefined) throw new Error('no test identity')
      const s =
        kind === 'api'
          ? await loginApi(c.http, c.target.publicUrl, c.identity, signal)
          : await loginBrowser(c.http, c.target.publicUrl, c.identity, undefined, signal)
      c.sessions.push(s)
      return s
    },
    ...(c.opts.browser === undefined ? {} : { browser: c.opts.browser }),
    ...(c.opts.appIdleTimeout === undefined ? {} : { appIdleTimeout: c.opts.appIdleTimeout }),
    ...(c.opts.appLoginPath === undefined ? {} : { appLoginPath: c.opts.appLoginPath }),
    ...(c.opts.appLogoutPath === undefined ? {} : { appLogoutPath: c.opts.appLogoutPath }),
    remember: (s) => {
      c.sessions.push(s)
    },
  }
  const running = check.run(ctx).catch((error: unknown): CheckResult => {
    const why = error instanceof Error ? error.message : String(error)
    return { outcome: 'error', message: c.http.redactor.text(why) }
  })
  const expired = new Promise<'expired'>((resolve) => {
    deadline.signal.addEventListener(
      'abort',
      () => {
        resolve('expired')
      },
      { once: true },
    )
  })
  try {
    const first = await Promise.race([running, expired])
    // An error caused by the deadline (an aborted request) reads as the timeout it is.
    if (first !== 'expired' && !deadline.signal.aborted) return first
  } finally {
    clearTimeout(timer)
  }
  await c.opts.browser?.closeContexts?.()
  let wait: NodeJS.Timeout | undefined
  await Promise.race([running, new Promise((r) => (wait = setTimeout(r, settleMs)))])
  clearTimeout(wait)
  return { outcome: 'error', message: `timed out after ${seconds(limitMs)} s` }
}
