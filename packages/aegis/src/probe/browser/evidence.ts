/**
 * Screenshot evidence for browser checks. Before the picture is taken, every secret the run knows
 * (cookie values, tokens, the password) and every `ory_xx_` token is replaced in the page's text
 * and form values, so a PNG cannot carry what the text evidence redacts. A banner states what the
 * check saw.
 */
import type { Page } from 'playwright-core'
import type { Evidence } from '../../engine/finding.ts'
import { encodedForms } from '../../redact/encodings.ts'
import { oryTokenSource } from '../../redact/patterns.ts'
import { REDACTED } from '../../redact/placeholder.ts'
import type { Redactor } from '../../redact/redactor.ts'

/** Scrubs the DOM in the page; exported for tests. */
export const scrubPage = async (page: Page, secrets: readonly string[]): Promise<void> => {
  // The same values, encodings, token shape and placeholder as the text evidence (src/redact/);
  // longest first, since the page does a plain replace per value.
  const known = [...new Set(secrets.filter((s) => s.length >= 6).flatMap(encodedForms))].sort(
    (a, b) => b.length - a.length,
  )
  await page.evaluate(
    ({ known, token, placeholder }) => {
      const tokenPattern = new RegExp(token, 'g')
      const clean = (s: string): string => {
        let out = s
        for (const k of known) out = out.split(k).join(placeholder)
        return out.replace(tokenPattern, (_m, prefix: string) => `${prefix}${placeholder}`)
      }
      const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n !== null; n = walker.nextNode())
        n.nodeValue = clean(n.nodeValue ?? '')
      for (const el of Array.from(document.querySelectorAll('input, textarea')))
        (el as HTMLInputElement).value = clean((el as HTMLInputElement).value)
    },
    { known, token: oryTokenSource, placeholder: REDACTED },
  )
}

export const screenshotEvidence = async (
  page: Page,
  label: string,
  banner: string,
  redactor: Redactor,
  secrets: readonly string[] = [],
): Promise<Evidence> => {
  const text = redactor.text(banner)
  try {
    await scrubPage(page, secrets)
    await page.evaluate((message) => {
      const div = document.createElement('div')
      div.textContent = `kratos-aegis: ${message}`
      div.setAttribute(
        'style',
        'position:fixed;left:0;right:0;bottom:0;padding:8px;background:#b00020;color:#fff;font:14px sans-serif;z-index:2147483647',
      )
      document.body.appendChild(div)
    }, text)
    const png = await page.screenshot({ type: 'png', timeout: 5_000 })
    return { label, text, screenshot: png.toString('base64') }
  } catch {
    return { label, text }
  }
}
