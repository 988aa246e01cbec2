import { describe, expect, it } from 'vitest'
import { runAegis } from '../../../../../test/support/cli.ts'

describe('aegis profiles', () => {
  it('lists every profile with its cited limits', async () => {
    const r = await runAegis(['profiles'])
    expect(r.code).toBe(0)
    for (const id of [
      'baseline',
      'asvs4-l3',
      'asvs5-l2',
      'nist-aal3',
      'nist3-aal2',
      'pci-dss-4',
      'owasp-high-value',
    ]) {
      expect(r.stdout).toContain(id)
    }
    expect(r.stdout).toMatch(/inactivity timeout\s+≤ 15m\s+required, PCI DSS 8\.2\.8/)
    expect(r.stdout).toMatch(/session lifespan\s+≤ 12h\s+SHALL, NIST SP 800-63B §4\.2\.3/)
  })

  it('prints JSON with seconds', async () => {
    const r = await runAegis(['profiles', '--format', 'json'])
    const list = JSON.parse(r.stdout) as {
      id: string
      limits: { sessionLifespan?: { seconds: number } }
    }[]
    expect(list).toHaveLength(14)
    expect(list.find((p) => p.id === 'asvs4-l1')?.limits.sessionLifespan?.seconds).toBe(2_592_000)
  })

  it('rejects unknown formats', async () => {
    expect((await runAegis(['profiles', '--format', 'xml'])).code).toBe(2)
  })
})
