/**
 * Logging in the way a browser does, without depending on an application's UI (which is
 * app-specific): a page on the Kratos public origin drives the browser flow with same-origin
 * `fetch` calls (FACTS §6.1: init with JSON negotiated, submit with the flow's csrf_token). The
 * browser itself receives, keeps or drops the CSRF and session cookies by its own rules, which is
 * what these checks are about.
 */
import type { BrowserContext, Page, Response } from 'playwright-core'
import { parseSetCookie, type SetCookie } from '../cookies.ts'
import type { CheckResult, ProbeIdentity } from '../types.ts'

export interface PageLogin {
  /** Status of the login submit (0 when the flow could not be started). */
  readonly status: number
  readonly sessionId: string | null
  /** Every Set-Cookie the browser received during the login, as sent by the server. */
  readonly setCookies: readonly SetCookie[]
  /** The session cookie as sent (the non-CSRF cookie set by the submit), kept or not. */
  readonly sessionCookie: SetCookie | undefined
}

/** Records the Set-Cookie headers of the context's responses until the returned stop(). */
export const recordSetCookies = (context: BrowserContext): (() => Promise<SetCookie[]>) => {
  const pending: Promise<string[]>[] = []
  const onResponse = (res: Response): void => {
    pending.push(res.headerValues('set-cookie').catch(() => []))
  }
  context.on('response', onResponse)
  return async () => {
    context.off('response', onResponse)
    const lines = (await Promise.all(pending)).flat()
    return lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.length > 0)
      .map(parseSetCookie)
  }
}

export const loginInPage = async (
  page: Page,
  base: URL,
  who: ProbeIdentity,
): Promise<PageLogin> => {
  const stop = recordSetCookies(page.context())
  await page.goto(new URL('health/alive', base).href)
  const result = await page.evaluate(
    async ({ init, submit, identifier, password }) => {
      const json = { accept: 'application/json' }
      const r = await fetch(init, { headers: json, credentials: 'include' })
      const flow = (await r.json().catch(() => null)) as {
        id?: string
        ui?: { nodes?: { attributes?: { name?: string; value?: unknown } }[] }
      } | null
      if (typeof flow?.id !== 'string') return { status: 0, sessionId: null }
      const csrf = flow.ui?.nodes?.find((n) => n.attributes?.name === 'csrf_token')?.attributes
        ?.value
      const s = await fetch(`${submit}?flow=${encodeURIComponent(flow.id)}`, {
        method: 'POST',
        headers: { ...json, 'content-type': 'application/json' },
        credentials: 'include',
        body: JSON.stringify({
          method: 'password',
          identifier,
          password,
          csrf_token: typeof csrf === 'string' ? csrf : '',
        }),
      })
      const body = (await s.json().catch(() => null)) as { session?: { id?: string } } | null
      return { status: s.status, sessionId: body?.session?.id ?? null }
    },
    {
      init: new URL('self-service/login/browser', base).href,
      submit: new URL('self-service/login', base).href,
      identifier: who.identifier,
      password: who.password,
    },
  )
  const setCookies = await stop()
  const sessionCookie = setCookies.find((c) => !c.name.startsWith('csrf_token_') && c.value !== '')
  return { ...result, setCookies, sessionCookie }
}

/** A check's result when the browser login gave it no session to work with. */
export const loginFailed = (login: PageLogin): CheckResult => ({
  outcome: 'error',
  message: `the browser login did not succeed (status ${login.status})`,
})

/** Logs out like a browser: the logout URL from the flow API, then a top-level navigation to it. */
export const logoutInPage = async (page: Page, base: URL): Promise<number> => {
  const logoutUrl = await page.evaluate(async (init) => {
    const r = await fetch(init, { headers: { accept: 'application/json' }, credentials: 'include' })
    const body = (await r.json().catch(() => null)) as { logout_url?: string } | null
    return body?.logout_url ?? null
  }, new URL('self-service/logout/browser', base).href)
  if (logoutUrl === null) return 0
  const res = await page.goto(logoutUrl)
  return res?.status() ?? 0
}

/** The cookie the browser holds for `url` under `name`, if it kept it. */
export const heldCookie = async (
  context: BrowserContext,
  url: URL,
  name: string,
): Promise<{ name: string; value: string; secure: boolean; httpOnly: boolean } | undefined> =>
  (await context.cookies(url.href)).find((c) => c.name === name)
