import fc from 'fast-check'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  launchChromium,
  parseXml,
  xmlParseErrors,
  type XmlNode,
} from '../../../../test/fixtures/result-browser.ts'
import { plantedSecrets, result } from '../../../../test/fixtures/result.ts'
import { summarize, type Finding } from '../engine/finding.ts'
import { renderJunit } from './junit.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
}, 60_000)
afterAll(async () => {
  await browser.close()
})

const all = (node: XmlNode, name: string): XmlNode[] => [
  ...(node.name === name ? [node] : []),
  ...node.children.flatMap((c) => all(c, name)),
]

const caseNamed = (root: XmlNode, id: string): XmlNode =>
  all(root, 'testcase').find((c) => c.attributes['name']?.startsWith(`${id}:`))!

describe('junit reporter', { timeout: 60_000 }, () => {
  it('matches the snapshot', async () => {
    await expect(renderJunit(result)).toMatchFileSnapshot('__snapshots__/result.junit.xml')
  })

  it('is well-formed XML with a testcase per unit and distinct failure/error/skipped', async () => {
    const xml = renderJunit(result)
    expect(await xmlParseErrors(browser, [xml])).toEqual([null])
    const root = await parseXml(browser, xml)
    expect(root.name).toBe('testsuites')
    expect(all(root, 'testcase')).toHaveLength(result.units.length)
    expect(root.attributes).toMatchObject({ tests: '11', failures: '6', errors: '1', skipped: '1' })
    expect(caseNamed(root, 'session-lifespan-too-long').children.map((c) => c.name)).toEqual([
      'failure',
    ])
    expect(caseNamed(root, 'cors-credentials-any-origin').children[0]).toMatchObject({
      name: 'error',
      attributes: {
        message: 'serve.public.cors.allowed_origins could not be read: <unresolved ${CORS}>',
      },
    })
    expect(caseNamed(root, 'session-fixation-login').children[0]?.name).toBe('skipped')
    expect(caseNamed(root, 'dev-mode-enabled').children).toEqual([])
    // A failing rule whose only finding is suppressed passes.
    expect(caseNamed(root, 'session-cookie-same-site-none').children).toEqual([])
    const idle = caseNamed(root, 'session-idle-timeout-missing').children[0]
    expect(idle?.attributes['message']).toContain('<script>')
    for (const s of plantedSecrets) expect(xml).not.toContain(s)
  })

  it('adds a testcase for findings of tool rules without a unit', async () => {
    const extra: Finding = {
      ...result.findings[0]!,
      ruleId: 'aegis-suppression-invalid',
      concern: 'validity',
    }
    const findings = [...result.findings, extra]
    const root = await parseXml(
      browser,
      renderJunit({ ...result, findings, summary: summarize(findings) }),
    )
    expect(caseNamed(root, 'aegis-suppression-invalid').children[0]?.name).toBe('failure')
  })

  it('stays well-formed whatever the messages contain', async () => {
    const texts = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), 80)
    const xmls = texts.map((message) => {
      const findings = [{ ...result.findings[1]!, message, key: message }]
      return renderJunit({ ...result, findings, summary: summarize(findings) })
    })
    expect((await xmlParseErrors(browser, xmls)).filter((e) => e !== null)).toEqual([])
  })
})
