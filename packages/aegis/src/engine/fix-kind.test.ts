import { describe, expect, it } from 'vitest'
import { runAegis } from '../../../../test/support/cli.ts'
import { viewFromObject } from '../config/index.ts'
import { runRules } from './run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import { changesBehaviour, effectiveFix } from './fix-kind.ts'

const pmaKey = 'selfservice.flows.settings.privileged_session_max_age'
const settings = (age: string) => ({
  selfservice: { flows: { settings: { privileged_session_max_age: age } } },
})
const set = (key: string, value: unknown) => ({ op: 'set' as const, key, value })

describe('fix kinds', () => {
  it('treats privileged_session_max_age 0s as no bound: any window asks users to re-authenticate (QA L3)', () => {
    for (const off of ['0s', '-1s', '0'])
      expect(changesBehaviour(set(pmaKey, '15m'), viewFromObject(settings(off)))).toBe(true)
    expect(changesBehaviour(set(pmaKey, '1h'), viewFromObject(settings('2h')))).toBe(true)
    expect(changesBehaviour(set(pmaKey, '1h'), viewFromObject(settings('30m')))).toBe(false)
  })

  it('keeps the other behaviour changes: Strict, non-persistent, shorter or newly set lifetimes', () => {
    const view = viewFromObject({ session: { lifespan: '720h' } })
    expect(changesBehaviour(set('session.cookie.same_site', 'Strict'), view)).toBe(true)
    expect(changesBehaviour(set('session.cookie.same_site', 'Lax'), view)).toBe(false)
    expect(changesBehaviour(set('session.cookie.persistent', false), view)).toBe(true)
    expect(changesBehaviour(set('session.lifespan', '24h'), view)).toBe(true)
    expect(changesBehaviour(set('session.lifespan', '900h'), view)).toBe(false)
  })

  it('gives findings the kind aegis fix applies them with', () => {
    const view = viewFromObject(settings('0s'))
    const [f] = runRules(view, getProfile('baseline')).filter(
      (x) => x.ruleId === 'privileged-session-max-age-too-long',
    )
    expect(f?.fix?.kind).toBe('unsafe')
    const safe = { kind: 'safe' as const, description: 'd', edits: [set(pmaKey, '15m')] }
    expect(effectiveFix(safe, view).kind).toBe('unsafe')
    const harmless = { ...safe, edits: [set('log.leak_sensitive_values', false)] }
    expect(effectiveFix(harmless, view)).toBe(harmless)
  })

  it('labels exactly the fixes aegis fix refuses without --unsafe as unsafe (insecure example)', async () => {
    const input = 'examples/insecure/docker-compose.yml'
    const audit = await runAegis(['audit', input, '--format', 'json'])
    interface F {
      ruleId: string
      fix: { kind: string; description: string } | null
    }
    const findings = (JSON.parse(audit.stdout) as { findings: F[] }).findings
    const withFix = findings.filter((f) => f.fix !== null)
    const run = await runAegis(['fix', input, '--dry-run'])
    expect(run.stdout + run.stderr).toContain('dry run: nothing written')
    const fix = { stdout: run.stdout + run.stderr }
    for (const f of withFix) {
      const line = `unsafe fix (${f.fix!.description}); pass --unsafe to apply`
      expect({ rule: f.ruleId, kind: f.fix!.kind, skipped: fix.stdout.includes(line) }).toEqual({
        rule: f.ruleId,
        kind: fix.stdout.includes(line) ? 'unsafe' : 'safe',
        skipped: f.fix!.kind === 'unsafe',
      })
    }
    const text = await runAegis(['audit', input])
    expect(text.stdout).not.toContain('fix (safe): set session.lifespan')
    expect(text.stdout).toContain('fix (unsafe): set session.lifespan')
  })
})
