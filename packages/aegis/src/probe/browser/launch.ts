/**
 * The probe's one browser: the system Chromium through playwright-core (never a downloaded one),
 * with a fresh user-data directory so no profile leaks in or out. The profile allows third-party
 * cookies, as Chrome's normal windows do by default: the SameSite checks must see what the
 * attribute alone permits, not what a stricter privacy setting happens to add.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { AegisError } from '../../errors.ts'

/** Loopback names the browser resolves to 127.0.0.1 (Chromium `--host-resolver-rules`). */
export const testHost = 'aegis-test.example'
export const attackerHost = 'aegis-attacker.example'

export const defaultExecutable = '/usr/bin/chromium'

export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--host-resolver-rules=MAP ${testHost} 127.0.0.1, MAP ${attackerHost} 127.0.0.1`,
]

export interface LaunchedBrowser {
  readonly browser: Browser
  close(): Promise<void>
}

export const launchChromium = async (
  executablePath = process.env['AEGIS_CHROMIUM'] ?? defaultExecutable,
): Promise<LaunchedBrowser> => {
  if (!existsSync(executablePath)) {
    throw new AegisError('AEGIS_BROWSER_UNAVAILABLE', `no Chromium at ${executablePath}`, {
      hint: 'install the distribution package (apt-get install chromium) or set AEGIS_CHROMIUM',
    })
  }
  const dir = await mkdtemp(join(tmpdir(), 'aegis-chromium-'))
  // cookie_controls_mode 0: third-party cookies allowed (Chrome's default outside incognito).
  await mkdir(join(dir, 'Default'))
  await writeFile(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0 } }),
  )
  let persistent: BrowserContext
  try {
    // Loaded on first use: commands without --browser never pay for playwright-core.
    const { chromium } = await import('playwright-core')
    persistent = await chromium.launchPersistentContext(dir, {
      executablePath,
      args: [...chromiumArgs],
      timeout: 30_000,
    })
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new AegisError('AEGIS_BROWSER_UNAVAILABLE', `Chromium did not start: ${why}`)
  }
  const browser = persistent.browser()
  if (browser === null) throw new AegisError('AEGIS_BROWSER_UNAVAILABLE', 'no browser handle')
  return {
    browser,
    close: async () => {
      await persistent.close().catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    },
  }
}
