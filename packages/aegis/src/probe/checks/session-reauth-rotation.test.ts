// The check judges the same observation (Kratos keeps the session through a refresh login) by the
// profile's data, not by its name: any profile can require rotation, and one that does not passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startKratosDouble,
  type KratosDouble,
} from '../../../../../test/support/kratos-double/index.ts'
import { getProfile } from '../../profiles/index.ts'
import type { Profile } from '../../profiles/types.ts'
import { runProbe } from '../run-probe.ts'
import check from './session-reauth-rotation.ts'

const email = 'reauth@example.test'
const password = 'correct-horse-battery-staple-42'

describe('session-reauth-rotation judged by profile data', () => {
  let kratos: KratosDouble
  beforeAll(async () => {
    kratos = await startKratosDouble({ cookie: { name: '__Host-ory_kratos_session' } })
    await kratos.createIdentity({ email, password })
  })
  afterAll(() => kratos.close())

  const probe = async (profile: Profile) => {
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl), adminUrl: new URL(kratos.adminUrl) },
      checks: [check],
      profile,
      identity: `${email}:${password}`,
    })
    return { unit: result.units.find((u) => u.id === check.id), findings: result.findings }
  }

  it('fails, citing the requirement, under a profile that is not ASVS 5 but requires rotation', async () => {
    const custom: Profile = {
      ...getProfile('baseline'),
      id: 'house-rules',
      requires: {
        ...getProfile('baseline').requires,
        rotateOnReauthentication: { cite: 'OWASP Session Management Cheat Sheet', level: 'SHOULD' },
      },
    }
    const { unit, findings } = await probe(custom)
    expect(unit?.outcome, unit?.reason).toBe('fail')
    expect(findings.map((f) => f.ruleId)).toEqual(['session-reauth-rotation'])
    expect(findings[0]?.message).toContain('OWASP Session Management Cheat Sheet (SHOULD)')
    expect(findings[0]?.message).not.toContain('7.2.4')
  })

  it('fails under ASVS 5.0 L2, citing 7.2.4', async () => {
    const { unit, findings } = await probe(getProfile('asvs5-l2'))
    expect(unit?.outcome).toBe('fail')
    expect(findings[0]?.message).toContain('ASVS 5.0 7.2.4 (required)')
  })

  it('is skipped under a profile that does not require it, whatever its name, saying what it saw', async () => {
    // Not a pass: JUnit and HTML would read "rotates: passed" for a session that was kept (QA M2).
    for (const id of ['baseline', 'asvs4-l3']) {
      const { unit, findings } = await probe(getProfile(id))
      expect(unit?.outcome, `${id}: ${unit?.reason ?? ''}`).toBe('skipped')
      expect(unit?.reason).toBe(
        `not judged: profile ${id} does not require a new session on re-authentication; observed: the target kept the same session id and token (Kratos behaviour)`,
      )
      expect(findings).toEqual([])
    }
    // A profile named like ASVS 5 without the requirement passes: the name decides nothing.
    const asvs = getProfile('asvs5-l1')
    const renamed: Profile = {
      ...asvs,
      requires: Object.fromEntries(
        Object.entries(asvs.requires).filter(([name]) => name !== 'rotateOnReauthentication'),
      ),
    }
    expect((await probe(renamed)).unit?.outcome).toBe('skipped')
  })
})
