// What the probe's browser tests share: whether the system Chromium is there, the proof that a
// check failed with a screenshot, and the text a search for secrets runs over.
import { existsSync } from 'node:fs'
import { expect } from 'vitest'
import { defaultExecutable } from '../../packages/aegis/src/probe/browser/launch.ts'

export const hasChromium = existsSync(defaultExecutable)
if (!hasChromium && process.env['AEGIS_REQUIRE_SERVICES'] === '1')
  throw new Error(`browser checks need ${defaultExecutable} (scripts/setup.mjs installs it)`)

interface WithEvidence {
  readonly findings: readonly {
    readonly evidence?: readonly { readonly screenshot?: string }[] | undefined
  }[]
}

/**
 * A run's result or JSON report as text, every screenshot emptied: base64 PNG is long opaque text
 * that no secret search could tell from a leaked value (the page was scrubbed before the picture).
 */
export const withoutScreenshots = (result: WithEvidence): string =>
  JSON.stringify({
    ...result,
    findings: result.findings.map((f) => ({
      ...f,
      evidence: f.evidence?.map((e) => ({ ...e, screenshot: '' })),
    })),
  })

interface Failed {
  readonly units: readonly {
    readonly id: string
    readonly outcome: string
    readonly reason?: string
  }[]
  readonly findings: readonly {
    readonly ruleId: string
    readonly message: string
    readonly evidence?: readonly { readonly screenshot?: string }[] | undefined
  }[]
}

/** Check `id` failed with a message matching `message` and a PNG screenshot, which it returns. */
export const expectFailWithScreenshot = (result: Failed, id: string, message: RegExp): string => {
  const unit = result.units.find((u) => u.id === id)
  expect(unit?.outcome, unit?.reason).toBe('fail')
  const finding = result.findings.find((f) => f.ruleId === id)!
  expect(finding.message).toMatch(message)
  const shot = finding.evidence?.find((e) => e.screenshot !== undefined)?.screenshot ?? ''
  expectPng(shot)
  return shot
}

/** A base64 screenshot is a PNG (bytes 1-3 of the signature); missing counts as not. */
export const expectPng = (shot: string | undefined): void => {
  expect(
    Buffer.from(shot ?? '', 'base64')
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG')
}
