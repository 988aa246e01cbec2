// The double's HTML UI in a real Chromium: a login through the form, an HttpOnly cookie invisible to
// script (visible with cookieNotHttpOnly), and a logout link that clears it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import { startKratosDouble, type KratosDouble } from './index.ts'

let browser: Browser
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  }) // prettier-ignore
})
afterAll(async () => {
  await browser.close()
})

const loginThroughUi = async (d: KratosDouble) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${d.publicUrl}/self-service/login/browser`)
  await page.fill('input[name=identifier]', 'ada@example.test')
  await page.fill('input[name=password]', 'correct horse 1')
  await Promise.all([page.waitForURL(/\/ui\/welcome/), page.click('button[value=password]')])
  return { context, page }
}

describe('browser UI', () => {
  it.each([false, true])('logs in through the form (cookieNotHttpOnly=%s)', async (weak) => {
    const d = await startKratosDouble({ weaknesses: { cookieNotHttpOnly: weak } })
    try {
      await d.createIdentity({ email: 'ada@example.test', password: 'correct horse 1' })
      const { context, page } = await loginThroughUi(d)
      expect(await page.textContent('#email')).toBe('ada@example.test')
      const cookies = await context.cookies()
      const session = cookies.find((c) => c.name === 'ory_kratos_session')
      expect(session).toMatchObject({ httpOnly: !weak, secure: true, sameSite: 'Lax' })
      const visible = await page.evaluate(() => document.cookie)
      expect(visible.includes('ory_kratos_session')).toBe(weak)
      await Promise.all([page.waitForURL(/\/ui\/welcome/), page.click('#logout')])
      expect(await page.textContent('#status')).toBe('Not signed in.')
      expect((await context.cookies()).some((c) => c.name === 'ory_kratos_session')).toBe(false)
      await context.close()
    } finally {
      await d.close()
    }
  })
})
