import { describe, expect, it } from 'vitest'
import type { Finding } from './finding.ts'
import { applyInlineSuppressions, invalidSuppressionRule, parseDirectives } from './suppress.ts'

const finding = (ruleId: string, line: number, file = 'kratos.yml'): Finding => ({
  ruleId,
  severity: 'high',
  concern: 'session-lifetime',
  key: 'session.lifespan',
  message: 'too long',
  location: { file, line, column: 3 },
  origin: 'file',
  references: {},
  fix: null,
  suppressed: null,
})

const today = '2026-06-01'
const run = (text: string, findings: Finding[]) =>
  applyInlineSuppressions(findings, new Map([['kratos.yml', { text }]]), today)

describe('inline suppressions', () => {
  it('suppresses with a trailing directive on the offending line', () => {
    const text =
      'session:\n  lifespan: 720h # aegis-ignore session-lifespan-too-long reason="batch jobs"\n'
    const out = run(text, [finding('session-lifespan-too-long', 2)])
    expect(out.findings).toEqual([
      expect.objectContaining({ suppressed: { kind: 'inline', reason: 'batch jobs' } }),
    ])
  })

  it('suppresses with a directive on the line before, keeping the expiry', () => {
    const text =
      'session:\n  # aegis-ignore session-lifespan-too-long reason="kiosk" until=2026-12-31\n  lifespan: 720h\n'
    const [f] = run(text, [finding('session-lifespan-too-long', 3)]).findings
    expect(f?.suppressed).toEqual({ kind: 'inline', reason: 'kiosk', until: '2026-12-31' })
  })

  it('accepts several rule ids and a stacked comment block', () => {
    const text = [
      'session:',
      '  # aegis-ignore other-rule reason="x"',
      "  # aegis-ignore a-rule,session-lifespan-too-long reason='shared reason'",
      '  lifespan: 720h',
    ].join('\n')
    const [f] = run(text, [finding('session-lifespan-too-long', 4)]).findings
    expect(f?.suppressed?.reason).toBe('shared reason')
  })

  it('does not suppress another rule, another line or a line two below', () => {
    const text = '# aegis-ignore session-lifespan-too-long reason="x"\nsession:\n  lifespan: 720h\n'
    const out = run(text, [finding('session-lifespan-too-long', 3), finding('other', 2)])
    expect(out.findings.every((f) => f.suppressed === null)).toBe(true)
  })

  it('reports reasonless, expired and malformed directives and does not suppress', () => {
    const text = [
      'a: 1 # aegis-ignore rule-a',
      'b: 2 # aegis-ignore rule-b reason="old" until=2026-05-31',
      'c: 3 # aegis-ignore rule-c reason="bad date" until=2026-02-30',
      'd: 4 # aegis-ignore rule-d because',
      'e: 5 # aegis-ignore rule-e reason="still valid today" until=2026-06-01',
    ].join('\n')
    const out = run(
      text,
      ['rule-a', 'rule-b', 'rule-c', 'rule-d', 'rule-e'].map((r, i) => finding(r, i + 1)),
    )
    const active = out.findings.filter((f) => f.ruleId.startsWith('rule-') && f.suppressed === null)
    expect(active.map((f) => f.ruleId)).toEqual(['rule-a', 'rule-b', 'rule-c', 'rule-d'])
    const invalid = out.findings.filter((f) => f.ruleId === invalidSuppressionRule)
    expect(invalid.map((f) => [f.location?.line, f.message])).toEqual([
      [1, 'aegis-ignore rule-a has no reason="…"; it does not suppress anything'],
      [2, 'aegis-ignore rule-b expired on 2026-05-31; it does not suppress anything'],
      [
        3,
        'aegis-ignore rule-c has an invalid until date "2026-02-30" (expected YYYY-MM-DD); it does not suppress anything',
      ],
      [4, 'aegis-ignore rule-d cannot read "because"; it does not suppress anything'],
    ])
    expect(invalid[0]?.key).toBe('session.lifespan')
  })

  it('ignores the words inside a quoted value that is not a comment', () => {
    expect(parseDirectives('f', 'a: "x#aegis-ignore r reason=\\"y\\""', today)).toEqual([])
  })

  it('leaves findings without a location alone', () => {
    const f = { ...finding('r', 1), location: null }
    expect(run('# aegis-ignore r reason="x"\n', [f]).findings[0]).toBe(f)
  })
})
