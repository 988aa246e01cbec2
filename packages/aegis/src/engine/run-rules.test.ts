import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { getProfile } from '../profiles/index.ts'
import { defineRule } from './define-rule.ts'
import { evaluate, runRules } from './run-rules.ts'

const probe = defineRule({
  id: 'probe-rule',
  meta: {
    title: 'probe',
    severity: 'medium',
    concern: 'session-lifetime',
    references: { cwe: ['CWE-613'] },
    messages: { hit: 'lifespan is {{value}} at {{key}}' },
  },
  check: ({ view }) =>
    view.get('session.lifespan') === '720h'
      ? [
          {
            key: 'session.lifespan',
            messageId: 'hit',
            data: { value: '720h', key: 'session.lifespan' },
          },
        ]
      : [],
})

const skipper = defineRule({
  id: 'skipper',
  meta: { ...probe.meta, messages: { x: 'x' } },
  check: () => ({ skip: 'not for this profile' }),
})

const leaky = defineRule({
  id: 'leaky',
  meta: { ...probe.meta, messages: { leak: 'the secret is {{s}}' } },
  check: ({ view }) => [
    {
      key: 'secrets.cookie',
      messageId: 'leak',
      data: { s: String((view.get('secrets.cookie') as string[])[0]) },
    },
  ],
})

describe('evaluate', () => {
  const baseline = getProfile('baseline')

  it('turns reports into findings with message, origin, fingerprint and units', () => {
    const view = viewFromObject({ session: { lifespan: '720h' } })
    const { findings, units } = evaluate(view, baseline, [probe, skipper])
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      ruleId: 'probe-rule',
      severity: 'medium',
      concern: 'session-lifetime',
      key: 'session.lifespan',
      message: 'lifespan is 720h at session.lifespan',
      origin: 'file',
      location: null,
      fix: null,
      suppressed: null,
    })
    expect(findings[0]?.fingerprint).toMatch(/^[0-9a-f]{16}$/)
    expect(units.map((u) => [u.id, u.outcome])).toEqual([
      ['probe-rule', 'fail'],
      ['skipper', 'skipped'],
    ])
    expect(units[1]?.reason).toBe('not for this profile')
    expect(units[0]?.helpUri).toBe('docs/rules/probe-rule.md')
    expect(units[0]?.references).toEqual({ cwe: ['CWE-613'] })
  })

  it('passes when the rule reports nothing', () => {
    const { findings, units } = evaluate(viewFromObject({}), baseline, [probe])
    expect(findings).toEqual([])
    expect(units[0]?.outcome).toBe('pass')
  })

  it('applies profile severity overrides and switches rules off', () => {
    const view = viewFromObject({ session: { lifespan: '720h' } })
    const raised = { ...baseline, severity: { 'probe-rule': 'critical' as const } }
    expect(runRules(view, raised, [probe])[0]?.severity).toBe('critical')
    const off = { ...baseline, severity: { 'probe-rule': 'off' as const } }
    const result = evaluate(view, off, [probe])
    expect(result.findings).toEqual([])
    expect(result.units[0]?.outcome).toBe('skipped')
  })

  it('keeps fingerprints stable across runs and different per value', () => {
    const a = runRules(viewFromObject({ session: { lifespan: '720h' } }), baseline, [probe])
    const b = runRules(viewFromObject({ session: { lifespan: '720h' }, dsn: 'memory' }), baseline, [
      probe,
    ])
    expect(a[0]?.fingerprint).toBe(b[0]?.fingerprint)
    const c = runRules(
      viewFromObject({ secrets: { cookie: ['one-secret-value-xxxx'] } }),
      baseline,
      [leaky],
    )
    const d = runRules(
      viewFromObject({ secrets: { cookie: ['two-secret-value-yyyy'] } }),
      baseline,
      [leaky],
    )
    expect(c[0]?.fingerprint).not.toBe(d[0]?.fingerprint)
  })

  it('masks secret values even when a rule puts one into a message', () => {
    const view = viewFromObject({ secrets: { cookie: ['planted-secret-0123456789'] } })
    const [finding] = runRules(view, baseline, [leaky])
    expect(finding?.message).toBe('the secret is [redacted]')
    expect(JSON.stringify(finding)).not.toContain('planted-secret-0123456789')
  })

  it('masks what a filled-in value carries, and only the value', () => {
    // The values of a message are redacted where they are filled in; the template is the rule's.
    const quoting = (text: string): typeof leaky =>
      defineRule({
        ...leaky,
        check: () => [{ key: 'secrets.cookie', messageId: 'leak', data: { s: text } }],
      })
    const message = (cookie: string, text: string): string | undefined =>
      runRules(viewFromObject({ secrets: { cookie: [cookie] } }), baseline, [quoting(text)])[0]
        ?.message
    // Inside a longer value, and in an encoding (base64) of it.
    expect(message('planted-secret-0123456789', 'host=planted-secret-0123456789;x')).toBe(
      'the secret is host=[redacted];x',
    )
    expect(
      message(
        'planted-secret-0123456789',
        Buffer.from('planted-secret-0123456789').toString('base64'),
      ),
    ).toMatch(/^the secret is \[redacted\]=*$/)
    // The shortest value the redactor remembers (8 code units), quoted alone.
    expect(message('8-chars!', '8-chars!')).toBe('the secret is [redacted]')
    // A token shape nobody named as a secret.
    expect(
      message('planted-secret-0123456789', 'ory_st_abcdefghijklmnopqrstuvwxyz012345'),
    ).not.toContain('abcdefghijklmnopqrstuvwxyz')
    // A template that happens to contain a secret's text is the rule's own wording, not a leak.
    expect(message('the secret is', 'fine')).toBe('the secret is fine')
  })
})
