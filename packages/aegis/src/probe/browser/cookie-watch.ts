/**
 * Which cookies the browser attached to a request, and why it withheld the others, as Chromium
 * itself reports it (DevTools protocol `Network.requestWillBeSentExtraInfo.associatedCookies`).
 * Playwright's merged request headers miss the cookies of subresource requests whose JSON answer
 * Opaque Response Blocking discards, so the protocol event is read directly.
 */
import type { Page } from 'playwright-core'

export interface SentCookies {
  readonly url: string
  /** Cookie name → [] when sent, else Chromium's blocked reasons (`SameSiteLax`, …). */
  readonly cookies: ReadonlyMap<string, readonly string[]>
}

interface ExtraInfo {
  requestId: string
  associatedCookies: { blockedReasons: string[]; cookie: { name: string } }[]
}

export interface CookieWatch {
  /** The first request whose URL satisfies `match`, once Chromium reported its cookies. */
  waitFor(match: (url: string) => boolean, timeoutMs?: number): Promise<SentCookies>
  stop(): Promise<void>
}

export const watchCookies = async (page: Page): Promise<CookieWatch> => {
  const cdp = await page.context().newCDPSession(page)
  const urls = new Map<string, string>()
  const extra = new Map<string, ExtraInfo['associatedCookies']>()
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    urls.set(e.requestId, e.request.url)
  })
  cdp.on('Network.requestWillBeSentExtraInfo', (e: ExtraInfo) => {
    extra.set(e.requestId, e.associatedCookies)
  })
  await cdp.send('Network.enable')
  return {
    waitFor: async (match, timeoutMs = 8_000) => {
      const until = Date.now() + timeoutMs
      for (;;) {
        for (const [id, url] of urls) {
          const cookies = extra.get(id)
          if (cookies === undefined || !match(url)) continue
          return {
            url,
            cookies: new Map(cookies.map((c) => [c.cookie.name, c.blockedReasons])),
          }
        }
        if (Date.now() > until) throw new Error('the browser did not report the request in time')
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    stop: () => cdp.detach().catch(() => undefined),
  }
}
