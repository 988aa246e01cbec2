// What a probe check observed must survive into every format: a pass that only says "pass" hides
// what was seen, and a skip or error without its reason hides why nothing was proven (QA M2, M5).
import { describe, expect, it } from 'vitest'
import { summarize, type RunResult, type UnitResult } from '../engine/finding.ts'
import { render } from './index.ts'
import { reportFormats } from './types.ts'

const unit = (
  id: string,
  outcome: UnitResult['outcome'],
  note: { reason?: string; message?: string },
): UnitResult => ({
  id,
  title: `${id} title`,
  severity: 'medium',
  concern: 'fixation',
  helpUri: `docs/checks/${id}.md`,
  outcome,
  ...note,
  durationMs: 3,
})

const passMessage = 'the planted token was ignored and each login issued a new session'
const skipReason =
  'not judged: profile baseline does not require a new session on re-authentication'
const errorReason = 'request budget of 6 used up'

const probe: RunResult = {
  tool: { name: 'kratos-aegis', version: '0.1.0' },
  kind: 'probe',
  profile: 'baseline',
  kratosVersion: null,
  inputs: ['http://127.0.0.1:4433'],
  units: [
    unit('session-fixation-resisted', 'pass', { message: passMessage }),
    unit('session-reauth-rotation', 'skipped', { reason: skipReason }),
    unit('logout-api-revokes', 'error', { reason: errorReason }),
    unit('csrf-cookie-attributes', 'pass', {}),
  ],
  findings: [],
  summary: summarize([]),
}

describe('unit notes in every format', () => {
  it.each(reportFormats)('%s keeps a passing check’s message', (format) => {
    expect(render(format, probe, {})).toContain(passMessage)
  })

  it.each(reportFormats.filter((f) => f !== 'sarif'))(
    '%s keeps a skipped check’s reason and an errored check’s cause',
    (format) => {
      const out = render(format, probe, {})
      expect(out).toContain(skipReason)
      expect(out).toContain(errorReason)
    },
  )

  it('sarif: errors as error notifications, pass messages as notes, no result for either', () => {
    const log = JSON.parse(render('sarif', probe, {})) as {
      runs: {
        results: unknown[]
        invocations: {
          toolExecutionNotifications: { level: string; message: { text: string } }[]
        }[]
      }[]
    }
    const run = log.runs[0]!
    expect(run.results).toEqual([])
    expect(
      run.invocations[0]!.toolExecutionNotifications.map((n) => [n.level, n.message.text]),
    ).toEqual([
      ['note', `session-fixation-resisted: passed: ${passMessage}`],
      ['error', `logout-api-revokes: ${errorReason}`],
    ])
  })

  it('junit: the pass message as the case’s system-out, a bare pass stays empty', () => {
    const xml = render('junit', probe, {})
    expect(xml).toContain(`<system-out>${passMessage}</system-out>`)
    expect(xml).toMatch(
      /name="csrf-cookie-attributes: csrf-cookie-attributes title" time="0.003"\/>/,
    )
  })

  it('text: a probe lists each check that has something to say, with its outcome', () => {
    const out = render('text', probe, {})
    expect(out).toContain(`✔ session-fixation-resisted  ${passMessage}`)
    expect(out).toContain(`– session-reauth-rotation    skipped: ${skipReason}`)
    expect(out).toContain(`! logout-api-revokes         error: ${errorReason}`)
    expect(out).not.toContain('csrf-cookie-attributes')
  })

  it('text: no findings with an errored unit is not marked clean', () => {
    const last = (r: RunResult): string | undefined =>
      render('text', r, {}).trimEnd().split('\n').at(-1)
    expect(last(probe)).toMatch(
      /^! no findings · 4 checks: 2 passed, 0 failed, 1 errored, 1 skipped$/,
    )
    const clean = { ...probe, units: probe.units.filter((u) => u.outcome !== 'error') }
    expect(last(clean)).toMatch(/^✔ no findings/)
  })

  it('text: an audit lists only the rules that errored', () => {
    const out = render('text', { ...probe, kind: 'audit' }, {})
    expect(out).toContain(`rules not run\n  ! logout-api-revokes  error: ${errorReason}`)
    expect(out).not.toContain(passMessage)
    expect(out).not.toContain(skipReason)
  })
})
