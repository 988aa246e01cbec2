import type { BrowserContext, Page } from 'playwright-core'
import { defineCheck } from '../define-check.ts'
import { whoami } from '../flows.ts'
import {
  activeSessionIds,
  endCookieSession,
  holdKratosCookie,
  logoutThroughApp,
  rememberOpenedSessions,
  signInThroughApp,
} from '../browser/app-flow.ts'
import { runInBrowser } from '../browser/run-in-browser.ts'
import type { CheckContext } from '../types.ts'

// FACTS §5.1: session tokens are `ory_st_` + 32 × [a-zA-Z0-9].
const sessionToken = /ory_st_[A-Za-z0-9]{32}/g

interface Seen {
  readonly where: string
  readonly text: string
}

/** Every page, script and XHR/fetch answer the browser received, with the URLs it navigated to. */
const recordResponses = (context: BrowserContext): (() => Promise<Seen[]>) => {
  const pending: Promise<Seen | null>[] = []
  const kinds = new Set(['document', 'script', 'xhr', 'fetch'])
  context.on('response', (res) => {
    const kind = res.request().resourceType()
    if (!kinds.has(kind)) return
    const u = new URL(res.url())
    const at = `${u.origin}${u.pathname}`
    if (kind === 'document')
      pending.push(Promise.resolve({ where: `the URL of ${at}`, text: u.href }))
    pending.push(
      res
        .text()
        .then((text) => ({
          where: kind === 'document' ? `the HTML of ${at}` : `the ${kind} answer from ${at}`,
          text,
        }))
        .catch(() => null),
    )
  })
  return async () => (await Promise.all(pending)).filter((s): s is Seen => s !== null)
}

/** What scripts of the page at hand can read: both storages, document.cookie and the live DOM. */
const pageState = async (page: Page): Promise<Seen[]> => {
  const state = await page
    .evaluate(() => ({
      origin: location.origin,
      path: location.pathname,
      session: Object.entries(sessionStorage) as [string, string][],
      local: Object.entries(localStorage) as [string, string][],
      cookie: document.cookie,
      html: document.documentElement.outerHTML,
    }))
    .catch(() => null)
  if (state === null) return []
  return [
    ...state.session.map(([k, v]) => ({
      where: `sessionStorage "${k}" on ${state.origin}`,
      text: v,
    })),
    ...state.local.map(([k, v]) => ({ where: `localStorage "${k}" on ${state.origin}`, text: v })),
    { where: `document.cookie on ${state.origin}`, text: state.cookie },
    { where: `the page ${state.origin}${state.path} as rendered`, text: state.html },
  ]
}

/** localStorage of every origin and cookies that scripts can read, from the browser itself. */
const contextState = async (context: BrowserContext): Promise<Seen[]> => {
  const state = await context.storageState()
  return [
    ...state.origins.flatMap((o) =>
      o.localStorage.map((e) => ({
        where: `localStorage "${e.name}" on ${o.origin}`,
        text: e.value,
      })),
    ),
    ...state.cookies
      .filter((c) => !c.httpOnly)
      .map((c) => ({
        where: `the cookie ${c.name} (not HttpOnly, ${c.domain}${c.path})`,
        text: c.value,
      })),
  ]
}

const decoded = (value: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

const what = (text: string, cookieForms: readonly string[]): string | undefined => {
  if (cookieForms.some((v) => text.includes(v))) return 'the Kratos session cookie value'
  sessionToken.lastIndex = 0
  return sessionToken.test(text) ? 'an ory_st_ session token' : undefined
}

/** Sessions found in leaked tokens go to cleanup too (they are the app's, opened for the probe). */
const rememberTokens = async (ctx: CheckContext, seen: readonly Seen[]): Promise<void> => {
  const tokens = new Set(seen.flatMap((s) => s.text.match(sessionToken) ?? []))
  for (const token of [...tokens].slice(0, 5)) {
    ctx.http.redactor.remember(token)
    const r = await whoami(
      ctx.http,
      ctx.target.publicUrl,
      { token },
      'whoami with the leaked token',
      ctx.signal,
    )
    if (r.id !== null) ctx.remember?.({ id: r.id, token, session: {} })
  }
}

/**
 * Kratos keeps a browser session in an HttpOnly cookie and never hands a browser flow the token
 * (FACTS §4.1, §5.2). An application that copies the cookie value or an ory_st_ token into web
 * storage, a script-readable cookie or its HTML hands it to any injected script (ASVS 4.0.3 3.2.3,
 * 3.4.2; ASVS 5.0 3.3.4; OWASP Session Management Cheat Sheet: no tokens in web storage).
 */
export default defineCheck({
  id: 'browser-app-token-hidden',
  meta: {
    title: 'The application keeps the session out of reach of scripts (browser)',
    description:
      'Signs in through the application in Chromium, then looks for the Kratos session cookie value and any ory_st_ token in localStorage, sessionStorage, script-readable cookies, the URLs and the HTML of every page visited, and the script and XHR answers.',
    severity: 'high',
    concern: 'token-leakage',
    key: 'application.sessionStorage',
    references: {
      asvs4: ['3.2.3', '3.4.2'],
      asvs5: ['3.3.4'],
      nist: ['SP 800-63B-4 §5.1'],
      cwe: ['CWE-922', 'CWE-1004'],
    },
    intrusive: false,
    requires: ['browser', 'identity', 'app'],
  },
  run: (ctx) =>
    runInBrowser(ctx, async ({ page, context, who, secret }) => {
      const app = ctx.target.appUrl
      if (app === undefined) return { outcome: 'skipped', message: 'needs --app-url' }
      const admin = ctx.target.adminUrl
      const before =
        admin === undefined ? undefined : await activeSessionIds(ctx.http, admin, who, ctx.signal)
      const stop = recordResponses(context)
      const failed = await signInThroughApp(ctx, page, app, who)
      if (failed !== undefined) return failed
      const seen = [...(await pageState(page)), ...(await contextState(context)), ...(await stop())]
      const kratos = await holdKratosCookie(ctx, context, secret)
      await rememberOpenedSessions(ctx, who, before)
      await rememberTokens(ctx, seen)
      const forms =
        kratos === undefined
          ? []
          : [...new Set([kratos.value, encodeURIComponent(kratos.value), decoded(kratos.value)])]
      const leaks = seen.flatMap((s) => {
        const found = what(s.text, forms)
        return found === undefined ? [] : [`${found} in ${s.where}`]
      })
      const pages = seen.filter((s) => s.where.startsWith('the HTML of')).length
      ctx.http.note(
        'what scripts can reach',
        [
          kratos === undefined
            ? 'the browser holds no Kratos session cookie (the application keeps the session on its server); looked for ory_st_ tokens'
            : `the Kratos session cookie is ${kratos.name}; looked for its value and for ory_st_ tokens`,
          `scanned ${seen.length} places: web storage, script-readable cookies, ${pages} page(s) of HTML, the URLs, script and XHR answers`,
          ...leaks.map((l) => `found ${l}`),
        ].join('\n'),
      )
      if (leaks.length > 0) {
        // The screenshot shows the page at hand: end the session without leaving it.
        if (kratos !== undefined) await endCookieSession(ctx, kratos).catch(() => undefined)
        const unique = [...new Set(leaks)]
        return {
          outcome: 'fail',
          message: `the application exposes the session to scripts: ${unique.slice(0, 4).join('; ')}${unique.length > 4 ? ` (+${unique.length - 4} more)` : ''}; keep it in Kratos' HttpOnly cookie only and call whoami from the server or with credentials: 'include'`,
        }
      }
      // Leave the app as a user would (a server-side session has no other way out without admin).
      await logoutThroughApp(page, app, ctx.appLogoutPath).catch(() => undefined)
      // Whether that logout works is browser-app-logout-revokes' verdict; end the session anyway.
      if (kratos !== undefined) await endCookieSession(ctx, kratos).catch(() => undefined)
      return {
        outcome: 'pass',
        message: `no session token or cookie value in web storage, script-readable cookies or the ${pages} page(s) the browser loaded`,
      }
    }),
})
