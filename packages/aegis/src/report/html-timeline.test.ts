import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { lifetimes } from '../engine/lifetimes.ts'
import { getProfile } from '../profiles/index.ts'
import { timelineSvg } from './html-timeline.ts'

const key = 'selfservice.flows.settings.privileged_session_max_age'
const row = (age: string) => {
  const view = viewFromObject({
    selfservice: { flows: { settings: { privileged_session_max_age: age } } },
  })
  return lifetimes(view, getProfile('baseline')).find((l) => l.key === key)!
}

describe('timeline: privileged_session_max_age 0s (QA L11)', () => {
  it('marks 0s and less as unbounded, a real window not', () => {
    expect(row('0s')).toMatchObject({ seconds: 0, unbounded: true })
    expect(row('-5m').unbounded).toBe(true)
    expect(row('30m').unbounded).toBeUndefined()
  })

  it('draws 0s as a red bar to the right edge that says the check is off', () => {
    const svg = timelineSvg([row('0s')])
    const rect = /<rect [^>]*class="([^"]+)"/.exec(svg)
    expect(rect?.[1]).toContain('tl-over')
    expect(rect?.[1]).not.toContain('tl-ok')
    const width = Number(/<rect [^>]*width="([\d.]+)"/.exec(svg)?.[1])
    expect(width).toBeGreaterThan(500)
    expect(svg).toContain('0s: no limit ▲ turns the check off')
    const ok = timelineSvg([row('30m')])
    expect(/<rect [^>]*class="([^"]+)"/.exec(ok)?.[1]).toBe('tl-ok')
  })
})
