import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../../test/fixtures/result-browser.ts'
import { plantedSecrets, result, sources } from '../../../../test/fixtures/result.ts'
import { repoRoot } from '../../../../test/support/cli.ts'
import { summarize, type Finding, type RunResult } from '../engine/finding.ts'
import { shortDuration } from './html-escape.ts'
import { renderHtml } from './html.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
}, 60_000)
afterAll(async () => {
  await browser.close()
})

interface Loaded {
  page: Page
  errors: string[]
  requests: string[]
  url: string
}

const open = async (html: string): Promise<Loaded> => {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-html-'))
  const file = join(dir, 'report.html')
  await writeFile(file, html)
  const url = pathToFileURL(file).href
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } })
  const errors: string[] = []
  const requests: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('request', (r) => requests.push(r.url()))
  await page.goto(url, { waitUntil: 'load' })
  return { page, errors, requests, url }
}

const screenshotPath = join(repoRoot, 'docs/assets/report-html.png')

describe('html reporter', { timeout: 60_000 }, () => {
  const html = renderHtml(result, { sources })

  it('matches the snapshot', async () => {
    await expect(html).toMatchFileSnapshot('__snapshots__/result.html')
  })

  it('renders in Chromium offline: no console errors, no request beyond the file itself', async () => {
    const { page, errors, requests, url } = await open(html)
    expect(errors).toEqual([])
    expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([])
    expect(await page.title()).toBe('kratos-aegis audit report')
    expect(await page.locator('article.finding').count()).toBe(result.summary.total)
    // The screenshot evidence is embedded and decodes.
    const img = page.locator('.evidence img')
    expect(await img.evaluate((el: HTMLImageElement) => [el.complete, el.naturalWidth])).toEqual([
      true,
      24,
    ])
    if (
      process.env['AEGIS_UPDATE_DOCS'] === '1' ||
      !(await access(screenshotPath).then(
        () => true,
        () => false,
      ))
    ) {
      await page.screenshot({ path: screenshotPath, fullPage: true })
    }
    await page.close()
  }, 60_000)

  it('draws every lifetime on the timeline with its limit', async () => {
    const { page } = await open(html)
    const labels = await page
      .locator('svg.timeline .tl-label')
      .evaluateAll((ts) =>
        ts.map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')),
      )
    expect(labels).toEqual(result.lifetimes!.map((l) => l.label))
    expect(await page.locator('svg.timeline .tl-limit').count()).toBe(
      result.lifetimes!.filter((l) => l.limitSeconds !== null).length,
    )
    expect(await page.locator('svg.timeline rect.tl-over').count()).toBe(2)
    expect(await page.locator('svg.timeline .tl-unset').allTextContents()).toEqual([
      'not set (the profile expects one)',
    ])
    // Log scale: 1 minute and 720 hours both fit, ordered left to right.
    const widths = await page
      .locator('svg.timeline rect')
      .evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))))
    expect(widths[4]).toBeLessThan(widths[1]!)
    expect(widths[1]).toBeLessThan(widths[0]!)
    await page.close()
  })

  it('escapes everything: hostile finding text shows as text and never runs', async () => {
    const hostile =
      '<img src=x onerror="window.__aegisPwned=2"><script>window.__aegisPwned=3</script>'
    const evil: Finding = {
      ...result.findings[6]!,
      key: `"><svg onload="window.__aegisPwned=4">`,
      message: hostile,
      evidence: [
        {
          label: '<b>x</b>',
          text: hostile,
          screenshot: '"><script>window.__aegisPwned=5</script>',
        },
      ],
    }
    const findings = [...result.findings, evil]
    const r: RunResult = { ...result, findings, summary: summarize(findings) }
    const { page, errors } = await open(renderHtml(r, { sources }))
    expect(
      await page.evaluate(() => (window as unknown as { __aegisPwned?: number }).__aegisPwned),
    ).toBeUndefined()
    expect(await page.evaluate(() => document.scripts.length)).toBe(0)
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    expect(await page.locator('article.finding p', { hasText: hostile }).count()).toBe(1)
    expect(await page.getByText('Kratos has no idle timeout <script>').count()).toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('never carries a planted secret', () => {
    for (const s of plantedSecrets) expect(html).not.toContain(s)
  })

  it('keeps the screenshot in the docs', async () => {
    const png = await readFile(screenshotPath)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
  })

  it('labels durations the way Kratos configs write them, days beyond 1000h', () => {
    expect([60, 5400, 720 * 3600, 365 * 86400, 0, 61].map(shortDuration)).toEqual([
      '1m',
      '1h30m',
      '720h',
      '365d',
      '0s',
      '1m1s',
    ])
  })
})
