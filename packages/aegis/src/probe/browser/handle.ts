/**
 * The browser handle the runner passes to checks: Chromium starts once, on the first browser
 * check, and every check gets its own fresh context (cookies and storage of its own). The runner
 * closes it at the end, also after an error or an interrupt.
 */
import type { BrowserContext } from 'playwright-core'
import { AegisError } from '../../errors.ts'
import type { BrowserHandle, CheckContext } from '../types.ts'
import { startAttackerSite, type AttackerSite } from './attacker.ts'
import { launchChromium, type LaunchedBrowser } from './launch.ts'

export class BrowserTools {
  readonly #launched: LaunchedBrowser
  readonly attacker: AttackerSite
  readonly #contexts = new Set<BrowserContext>()

  constructor(launched: LaunchedBrowser, attacker: AttackerSite) {
    this.#launched = launched
    this.attacker = attacker
  }

  /** A fresh, isolated context with short timeouts, closed with the tools. */
  async newContext(): Promise<BrowserContext> {
    const context = await this.#launched.browser.newContext({
      viewport: { width: 900, height: 600 },
    })
    context.setDefaultTimeout(10_000)
    context.setDefaultNavigationTimeout(10_000)
    this.#contexts.add(context)
    context.once('close', () => this.#contexts.delete(context))
    return context
  }

  /** Closes the contexts still open (a check that ran out of time); the browser stays up. */
  async closeContexts(): Promise<void> {
    for (const c of [...this.#contexts]) await c.close().catch(() => undefined)
  }

  async close(): Promise<void> {
    await this.closeContexts()
    await this.attacker.close()
    await this.#launched.close()
  }
}

export interface BrowserHandleOptions {
  readonly executablePath?: string
}

/** The `browser` option of runProbe: launches lazily, once. */
export const createBrowserHandle = (
  options: BrowserHandleOptions = {},
): BrowserHandle & { close: () => Promise<void>; closeContexts: () => Promise<void> } => {
  let started: Promise<BrowserTools> | undefined
  return {
    launch: () => {
      started ??= (async () => {
        // launchChromium names its own failures (no Chromium, Chromium did not start).
        const launched = await launchChromium(options.executablePath)
        try {
          return new BrowserTools(launched, await startAttackerSite())
        } catch (error) {
          await launched.close()
          const why = error instanceof Error ? error.message : String(error)
          throw new AegisError(
            'AEGIS_BROWSER_UNAVAILABLE',
            `the attacker site for the cross-site checks (a local server on 127.0.0.1) did not start: ${why}`,
          )
        }
      })()
      return started
    },
    close: async () => {
      if (started === undefined) return
      const tools = await started.catch(() => undefined)
      await tools?.close()
    },
    closeContexts: async () => {
      if (started === undefined) return
      const tools = await started.catch(() => undefined)
      await tools?.closeContexts()
    },
  }
}

/** The tools behind a check's browser handle (the handle's launch resolves to them). */
export const browserTools = async (ctx: CheckContext): Promise<BrowserTools> => {
  if (ctx.browser === undefined) throw new Error('no browser: run with --browser')
  const tools = await ctx.browser.launch()
  if (!(tools instanceof BrowserTools)) throw new Error('the browser handle is not aegis’ own')
  return tools
}
