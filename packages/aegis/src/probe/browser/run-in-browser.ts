/**
 * What every browser check does around its own logic: a fresh context and page, a login through
 * the real browser flow, the session handed to the runner's cleanup, a screenshot when the check
 * fails, and the context closed whatever happened.
 */
import type { BrowserContext, Page } from 'playwright-core'
import type { CheckContext, CheckResult, ProbeIdentity } from '../types.ts'
import { screenshotEvidence } from './evidence.ts'
import { browserTools, type BrowserTools } from './handle.ts'
import { loginInPage, type PageLogin } from './page-login.ts'

export interface BrowserRun {
  readonly tools: BrowserTools
  readonly context: BrowserContext
  readonly page: Page
  readonly who: ProbeIdentity
  /** Logs in on `base` (default: the public URL) and hands the session to cleanup. */
  readonly login: (base?: URL) => Promise<PageLogin>
  /** A secret the check came across (a cookie value): redacted in text and scrubbed from screenshots. */
  readonly secret: (value: string) => void
}

export const runInBrowser = async (
  ctx: CheckContext,
  body: (run: BrowserRun) => Promise<CheckResult>,
): Promise<CheckResult> => {
  const who = ctx.identity
  if (who === undefined) return { outcome: 'skipped', message: 'no test identity' }
  const tools = await browserTools(ctx)
  const context = await tools.newContext()
  // The check's time budget (or an interrupt) ends its pages too: pending page calls then fail at
  // once instead of waiting out Playwright's own timeouts, and the finally below runs.
  const closeOnAbort = (): void => void context.close().catch(() => undefined)
  if (ctx.signal.aborted) closeOnAbort()
  else ctx.signal.addEventListener('abort', closeOnAbort, { once: true })
  try {
    const page = await context.newPage()
    const run: BrowserRun = {
      tools,
      context,
      page,
      who,
      login: async (base = ctx.target.publicUrl) => {
        const login = await loginInPage(page, base, who)
        for (const c of login.setCookies) ctx.http.redactor.remember(c.value)
        // With the cookie, so cleanup can end the session by browser logout without --admin-url.
        const cookie = login.sessionCookie
        if (login.sessionId !== null)
          ctx.remember?.({
            id: login.sessionId,
            session: {},
            ...(cookie === undefined ? {} : { cookie: `${cookie.name}=${cookie.value}` }),
          })
        ctx.http.note(
          'browser login',
          [
            `login through the browser flow on ${base.origin} → ${login.status}`,
            ...login.setCookies.map(
              (c) => `set-cookie: ${ctx.http.redactor.header('set-cookie', c.raw)}`,
            ),
          ].join('\n'),
        )
        return login
      },
      secret: (value) => {
        ctx.http.redactor.remember(value)
      },
    }
    const result = await body(run)
    if (result.outcome !== 'fail') return result
    const shot = await screenshotEvidence(page, 'browser', result.message, ctx.http.redactor)
    return { ...result, evidence: [...(result.evidence ?? []), shot] }
  } finally {
    ctx.signal.removeEventListener('abort', closeOnAbort)
    await context.close().catch(() => undefined)
  }
}
