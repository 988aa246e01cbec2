/**
 * Signing in and out through the application in front of Kratos, as a user does it, in the real
 * browser. The check knows nothing of the app's UI, so it relies on what Ory-based apps share:
 * - Sign-in: an anonymous visit to a page that needs a session leads to a login form (the app
 *   redirects to its login, which is its own form or Kratos' browser flow and UI); otherwise
 *   `--app-login-path` (default `/login`, the path Ory's example apps use) is opened. The form is
 *   the one around the password field; the identifier field is Kratos' `identifier` node (Ory's
 *   UIs render nodes by name) or an email/username field. Identifier-first forms get two steps.
 * - Sign-out: a link or form on the signed-in page that goes to `--app-logout-path` (default
 *   `/logout`) or to Kratos' `/self-service/logout` is clicked (so POST forms and buttons work);
 *   without one the logout path is opened.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core'
import type { ProbeClient } from '../client.ts'
import { jsonHeaders, logoutBrowser, whoami } from '../flows.ts'
import type { CheckContext, CheckResult, ProbeIdentity } from '../types.ts'

export const defaultAppLoginPath = '/login'
export const defaultAppLogoutPath = '/logout'

const identifierFields =
  'input[name="identifier"], input[type="email"], input[name="email"], input[name="username"], input[autocomplete="username"]'

const sameDocument = (a: URL, b: URL): boolean =>
  a.origin === b.origin && a.pathname.replace(/\/$/, '') === b.pathname.replace(/\/$/, '')

const visible = async (locator: Locator): Promise<boolean> =>
  locator
    .first()
    .isVisible()
    .catch(() => false)

/** Waits for the page to move on from `from` (a submit or a click), then for it to load. */
const settle = async (page: Page, from: string, timeoutMs = 8_000): Promise<void> => {
  await page.waitForURL((u) => u.href !== from, { timeout: timeoutMs }).catch(() => undefined)
  await page.waitForLoadState('load').catch(() => undefined)
  // Single-page apps store what they fetched after load; give them a moment, bounded.
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined)
}

const submit = async (page: Page, form: Locator, field: Locator): Promise<void> => {
  const from = page.url()
  // Kratos' password submit is <button name="method" value="password">; other buttons (social
  // sign-in) must not be pressed.
  const buttons = form.locator(
    'button[name="method"][value="password"], button[type="submit"], input[type="submit"], button:not([type])',
  )
  if (await visible(buttons)) await buttons.first().click()
  else await field.press('Enter')
  await settle(page, from)
}

/** True when the browser is let into the app page (not sent away, no login form shown). */
export const signedIn = async (page: Page, app: URL): Promise<{ ok: boolean; status: number }> => {
  const res = await page.goto(app.href, { waitUntil: 'load' }).catch(() => null)
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined)
  const status = res?.status() ?? 0
  const at = new URL(page.url())
  const ok =
    status >= 200 &&
    status < 300 &&
    sameDocument(at, app) &&
    !(await visible(page.locator('input[type="password"]')))
  return { ok, status }
}

export interface AppLogin {
  readonly ok: boolean
  /** What happened, for evidence and for the error message. */
  readonly steps: readonly string[]
}

const path = (u: string): string => {
  const url = new URL(u)
  return `${url.origin}${url.pathname}`
}

export const loginThroughApp = async (
  page: Page,
  app: URL,
  loginPath: string | undefined,
  who: ProbeIdentity,
): Promise<AppLogin> => {
  const steps: string[] = []
  const password = page.locator('input[type="password"]')
  const identifier = page.locator(identifierFields)
  const res = await page.goto(app.href).catch(() => null)
  steps.push(
    `opened ${path(app.href)} without a session → ${res?.status() ?? 0} at ${path(page.url())}`,
  )
  const hasForm = async (): Promise<boolean> =>
    (await visible(password)) ||
    (await visible(identifier)) ||
    (await password
      .first()
      .waitFor({ state: 'visible', timeout: 2_000 })
      .then(() => true)
      .catch(() => false))
  if (!(await hasForm())) {
    const to = new URL(loginPath ?? defaultAppLoginPath, app)
    const r = await page.goto(to.href).catch(() => null)
    steps.push(
      `opened the login path ${path(to.href)} → ${r?.status() ?? 0} at ${path(page.url())}`,
    )
    if (!(await hasForm())) {
      steps.push('found no login form (no password or identifier field)')
      return { ok: false, steps }
    }
  }
  // Identifier first (Kratos `login.style: identifier_first`): the password comes on step two.
  if (!(await visible(password))) {
    const field = identifier.first()
    await field.fill(who.identifier)
    await submit(page, page.locator('form').filter({ has: field }), field)
    steps.push(`submitted the identifier at ${path(page.url())}`)
  }
  const pw = password.first()
  if (!(await visible(pw))) {
    steps.push('found no password field')
    return { ok: false, steps }
  }
  const formAt = page.url()
  const form = page.locator('form').filter({ has: pw })
  const scope = (await form.count()) > 0 ? form.first() : page.locator('body')
  const id = scope.locator(identifierFields).first()
  if (await visible(id)) await id.fill(who.identifier)
  await pw.fill(who.password)
  await submit(page, scope, pw)
  steps.push(`submitted the login form at ${path(formAt)} → at ${path(page.url())}`)
  const inside = await signedIn(page, app)
  steps.push(
    `opened ${path(app.href)} → ${inside.status}${inside.ok ? ', signed in' : ', not signed in'}`,
  )
  return { ok: inside.ok, steps }
}

/**
 * loginThroughApp for a check: the steps go to evidence, and a sign-in that did not work is the
 * check's `error` result (returned; undefined when signed in).
 */
export const signInThroughApp = async (
  ctx: CheckContext,
  page: Page,
  app: URL,
  who: ProbeIdentity,
): Promise<CheckResult | undefined> => {
  const login = await loginThroughApp(page, app, ctx.appLoginPath, who)
  ctx.http.note('sign in through the application', login.steps.join('\n'))
  if (login.ok) return undefined
  return {
    outcome: 'error',
    message: `signing in through the application did not succeed (${login.steps.at(-1) ?? ''}); set --app-login-path`,
  }
}

/** Clicks the app's sign-out control, or opens the logout path; returns what it did. */
export const logoutThroughApp = async (
  page: Page,
  app: URL,
  logoutPath: string | undefined,
): Promise<string> => {
  const target = new URL(logoutPath ?? defaultAppLogoutPath, app)
  const from = page.url()
  const control = await page
    .evaluate(
      ({ logout }) => {
        const goesOut = (raw: string | null): boolean => {
          if (raw === null) return false
          const u = new URL(raw, document.baseURI)
          return (
            (u.origin + u.pathname).replace(/\/$/, '') === logout.replace(/\/$/, '') ||
            u.pathname.endsWith('/self-service/logout') ||
            u.pathname.endsWith('/self-service/logout/browser')
          )
        }
        const all = [
          ...Array.from(document.querySelectorAll('a[href]')).map((el) => ({
            el,
            to: el.getAttribute('href'),
          })),
          ...Array.from(document.querySelectorAll('form')).map((el) => ({
            el: el.querySelector('button, input[type="submit"]') ?? el,
            to: el.getAttribute('action'),
          })),
        ]
        const hit = all.find((c) => goesOut(c.to))
        if (hit === undefined) return null
        hit.el.setAttribute('data-aegis-logout', '1')
        return hit.to
      },
      { logout: target.origin + target.pathname },
    )
    .catch(() => null)
  if (control !== null) {
    await page.locator('[data-aegis-logout="1"]').first().click()
    await settle(page, from)
    return `clicked the sign-out control on ${path(from)} (to ${path(new URL(control, from).href)}), now at ${path(page.url())}`
  }
  const res = await page.goto(target.href).catch(() => null)
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined)
  return `no sign-out control on ${path(from)}: opened ${path(target.href)} → ${res?.status() ?? 0}, now at ${path(page.url())}`
}

export interface KratosCookie {
  readonly name: string
  readonly value: string
  readonly sessionId: string
}

/**
 * The cookie in the browser that Kratos takes as a session: each candidate is replayed to
 * whoami (the name is configurable and an app may proxy Kratos under its own host, so the name
 * alone proves nothing; FACTS §4.1). CSRF cookies are never sessions.
 */
export const findKratosCookie = async (
  ctx: CheckContext,
  context: BrowserContext,
): Promise<KratosCookie | undefined> => {
  const candidates = (await context.cookies()).filter(
    (c) => !c.name.startsWith('csrf_token') && c.value.length >= 16,
  )
  for (const c of candidates.slice(0, 10)) {
    const r = await whoami(
      ctx.http,
      ctx.target.publicUrl,
      { cookie: `${c.name}=${c.value}` },
      `whoami with the browser's ${c.name} cookie`,
      ctx.signal,
    )
    if (r.id !== null) return { name: c.name, value: c.value, sessionId: r.id }
  }
  return undefined
}

/**
 * findKratosCookie, with the cookie value handed to `secret` (redacted, scrubbed from
 * screenshots) and the session to the runner's cleanup with its cookie, so it is ended without
 * --admin-url too.
 */
export const holdKratosCookie = async (
  ctx: CheckContext,
  context: BrowserContext,
  secret: (value: string) => void,
): Promise<KratosCookie | undefined> => {
  const kratos = await findKratosCookie(ctx, context)
  if (kratos !== undefined) {
    secret(kratos.value)
    ctx.remember?.({ id: kratos.sessionId, cookie: `${kratos.name}=${kratos.value}`, session: {} })
  }
  return kratos
}

interface AdminSession {
  readonly id?: string
  readonly active?: boolean
}

/**
 * The identity's active Kratos sessions, through the admin API (FACTS §6.3): how the check
 * follows a session an application keeps on its server. The id comes from --create-identity, or
 * from the identifier (`credentials_identifier`, checked against the traits).
 */
export const activeSessionIds = async (
  http: ProbeClient,
  admin: URL,
  who: ProbeIdentity,
  signal: AbortSignal,
): Promise<Set<string> | undefined> => {
  let id = who.id
  if (id === undefined) {
    const res = await http.request(
      {
        url: new URL(
          `admin/identities?credentials_identifier=${encodeURIComponent(who.identifier)}`,
          admin,
        ),
        headers: jsonHeaders,
        jar: null,
        quiet: true,
      },
      signal,
    )
    const list = res.json()
    const want = who.identifier.toLowerCase()
    const match = Array.isArray(list)
      ? (list as { id?: string; traits?: Record<string, unknown> }[]).find((i) =>
          Object.values(i.traits ?? {}).some(
            (v) => typeof v === 'string' && v.toLowerCase() === want,
          ),
        )
      : undefined
    id = match?.id
  }
  if (id === undefined) return undefined
  const res = await http.request(
    {
      url: new URL(`admin/identities/${encodeURIComponent(id)}/sessions?active=true`, admin),
      headers: jsonHeaders,
      jar: null,
      quiet: true,
    },
    signal,
  )
  const list = res.json()
  if (res.status !== 200 || !Array.isArray(list)) return undefined
  return new Set(
    (list as AdminSession[])
      .filter((s) => s.active !== false && typeof s.id === 'string')
      .map((s) => s.id as string),
  )
}

/**
 * Ends a browser session with Kratos' own logout (flows.ts logoutBrowser), for when the check must
 * not navigate away from the page its screenshot shows. Quiet: it proves nothing.
 */
export const endCookieSession = (ctx: CheckContext, cookie: KratosCookie): Promise<void> =>
  logoutBrowser(
    ctx.http,
    ctx.target.publicUrl,
    `${cookie.name}=${cookie.value}`,
    { quiet: true },
    ctx.signal,
  )

/**
 * The identity's active sessions that were not in `before` (activeSessionIds, so --admin-url
 * only): the ones the application opened on its server, handed to the runner's cleanup.
 */
export const rememberOpenedSessions = async (
  ctx: CheckContext,
  who: ProbeIdentity,
  before: ReadonlySet<string> | undefined,
): Promise<string[]> => {
  const admin = ctx.target.adminUrl
  if (admin === undefined || before === undefined) return []
  const after = await activeSessionIds(ctx.http, admin, who, ctx.signal)
  const opened = [...(after ?? [])].filter((id) => !before.has(id))
  for (const id of opened) ctx.remember?.({ id, session: {} })
  return opened
}
