/**
 * Screenshot evidence for browser checks. Before the picture is taken, the page's text and form
 * values go through the run's redactor, so a PNG cannot carry what the text evidence redacts: the
 * secrets the run knows (cookie values, tokens, the password) in every encoding, and every secret
 * shape (`ory_xx_` tokens, JWTs, long opaque strings). A banner states what the check saw.
 */
import type { Frame, JSHandle, Page } from 'playwright-core'
import type { Evidence } from '../../engine/finding.ts'
import type { Redactor } from '../../redact/redactor.ts'

const scrubFrame = async (frame: Frame, redactor: Redactor): Promise<void> => {
  // The nodes are held by reference while their text is redacted here, outside the page: the
  // redactor (src/redact/) cannot run in the page, and a copy of it there would drift.
  const nodes: JSHandle<(Text | HTMLInputElement | HTMLTextAreaElement)[]> =
    await frame.evaluateHandle(() => {
      const found: (Text | HTMLInputElement | HTMLTextAreaElement)[] = []
      // Open shadow roots too: web components render their text there, out of the tree walk.
      const visit = (root: Node): void => {
        const walker = document.createTreeWalker(
          root,
          NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT,
        )
        for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
          if (n instanceof Text) found.push(n)
          else if (n instanceof HTMLInputElement || n instanceof HTMLTextAreaElement) found.push(n)
          if (n instanceof Element && n.shadowRoot !== null) visit(n.shadowRoot)
        }
      }
      visit(document.documentElement)
      return found
    })
  try {
    const texts = await nodes.evaluate((list) =>
      list.map((n) =>
        n.nodeType === Node.TEXT_NODE ? (n as Text).data : (n as HTMLInputElement).value,
      ),
    )
    const changed = texts.flatMap((t, i) => {
      const clean = redactor.text(t)
      return clean === t ? [] : [[i, clean] as const]
    })
    if (changed.length === 0) return
    await nodes.evaluate((list, changes) => {
      for (const [i, clean] of changes) {
        const n = list[i]
        if (n === undefined) continue
        if (n.nodeType === Node.TEXT_NODE) (n as Text).data = clean
        else (n as HTMLInputElement).value = clean
      }
    }, changed)
  } finally {
    await nodes.dispose()
  }
}

/**
 * Scrubs the DOM of the page and of every frame in it (an embedded page is in the picture too)
 * with `redactor`, as text evidence is redacted; exported for tests.
 */
export const scrubPage = async (page: Page, redactor: Redactor): Promise<void> => {
  for (const frame of page.frames()) await scrubFrame(frame, redactor)
}

export const screenshotEvidence = async (
  page: Page,
  label: string,
  banner: string,
  redactor: Redactor,
): Promise<Evidence> => {
  const text = redactor.text(banner)
  try {
    await scrubPage(page, redactor)
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
