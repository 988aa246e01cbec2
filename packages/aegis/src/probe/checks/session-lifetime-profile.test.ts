// The lifetime a login gets, judged only where the profile has a number (QA M2: a check whose
// requirement the profile does not impose is skipped with what it saw, never a bare pass).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startKratosDouble,
  type KratosDouble,
} from '../../../../../test/support/kratos-double/index.ts'
import { getProfile } from '../../profiles/index.ts'
import { runProbe } from '../run-probe.ts'
import check from './session-lifetime-profile.ts'

const email = 'lifetime@example.test'
const password = 'correct-horse-battery-staple-42'

describe('session-lifetime-profile by profile', () => {
  let kratos: KratosDouble
  beforeAll(async () => {
    kratos = await startKratosDouble({ lifespan: '12h' })
    await kratos.createIdentity({ email, password })
  })
  afterAll(() => kratos.close())

  const unitUnder = async (profile: string) =>
    (
      await runProbe({
        target: { publicUrl: new URL(kratos.publicUrl) },
        checks: [check],
        profile: getProfile(profile),
        identity: `${email}:${password}`,
      })
    ).units[0]

  it('passes within a numeric limit, keeping what it saw', async () => {
    const unit = await unitUnder('baseline')
    expect([unit?.outcome, unit?.message]).toEqual(['pass', 'sessions live 12h, within 24h'])
  })

  it('is skipped, with the observed lifetime, where the profile sets no number', async () => {
    expect(await unitUnder('pci-dss-4')).toMatchObject({
      outcome: 'skipped',
      reason:
        'not judged: profile pci-dss-4 sets no session lifetime limit; observed: sessions live 12h',
    })
    expect(await unitUnder('asvs5-l2')).toMatchObject({
      outcome: 'skipped',
      reason:
        'not judged: profile asvs5-l2 sets no session lifetime limit (ASVS 5.0 7.3.2 asks for one the deployment documents); observed: sessions live 12h',
    })
  })
})
