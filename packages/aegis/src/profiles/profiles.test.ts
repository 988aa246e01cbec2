import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isAegisError } from '../errors.ts'
import { sharedDir } from '../../../../test/support/cli.ts'
import { describeProfile } from './describe.ts'
import { defaultProfileId, getProfile, profiles } from './index.ts'
import type { Citation } from './types.ts'

const expectedIds = [
  'baseline',
  'asvs4-l1',
  'asvs4-l2',
  'asvs4-l3',
  'asvs5-l1',
  'asvs5-l2',
  'asvs5-l3',
  'nist-aal1',
  'nist-aal2',
  'nist-aal3',
  'nist3-aal2',
  'nist3-aal3',
  'pci-dss-4',
  'owasp-high-value',
]

const citations = (): Citation[] =>
  profiles.flatMap((p): Citation[] => [
    ...(Object.values(p.limits) as Citation[]),
    ...(Object.values(p.requires) as Citation[]),
  ])

describe('profiles', () => {
  it('has exactly the profiles the issue names, baseline first and default', () => {
    expect(profiles.map((p) => p.id)).toEqual(expectedIds)
    expect(defaultProfileId).toBe('baseline')
  })

  it('cites every threshold', () => {
    for (const c of citations()) expect(c.cite.length).toBeGreaterThan(5)
  })

  it('cites ids that STANDARDS.md really uses', () => {
    const standards = readFileSync(join(sharedDir, 'standards/STANDARDS.md'), 'utf8')
    for (const c of citations().filter((x) => !x.cite.includes('FACTS.md'))) {
      for (const id of c.cite.match(/\b\d+\.\d+\.\d+\b/g) ?? []) expect(standards).toContain(id)
      for (const section of c.cite.match(/§[\d.]+/g) ?? []) expect(standards).toContain(section)
    }
  })

  it('carries the standards numbers (STANDARDS.md §1.10)', () => {
    const limit = (id: string, k: 'sessionLifespan' | 'idleTimeout') =>
      getProfile(id).limits[k]?.seconds
    expect(limit('asvs4-l1', 'sessionLifespan')).toBe(30 * 86_400)
    expect(limit('asvs4-l2', 'idleTimeout')).toBe(30 * 60)
    expect(limit('asvs4-l3', 'idleTimeout')).toBe(15 * 60)
    expect(limit('nist-aal2', 'sessionLifespan')).toBe(24 * 3600)
    expect(limit('nist-aal2', 'idleTimeout')).toBe(3600)
    expect(limit('nist-aal3', 'sessionLifespan')).toBe(12 * 3600)
    expect(limit('nist3-aal2', 'sessionLifespan')).toBe(12 * 3600)
    expect(limit('nist3-aal2', 'idleTimeout')).toBe(30 * 60)
    expect(limit('pci-dss-4', 'idleTimeout')).toBe(15 * 60)
    expect(limit('pci-dss-4', 'sessionLifespan')).toBeUndefined()
    expect(limit('asvs5-l2', 'idleTimeout')).toBeNull()
    expect(getProfile('nist3-aal3').requires.nonPersistentCookie?.level).toBe('SHALL')
  })

  it('marks the MFA requirement phishing-resistant exactly where the cited text asks for hardware, phishing-resistant authenticators (STANDARDS.md §1.2, §1.10)', () => {
    const resistant = profiles.filter((p) => p.requires.mfa?.phishingResistant === true)
    expect(resistant.map((p) => p.id)).toEqual(['asvs5-l3', 'nist-aal3', 'nist3-aal3'])
    for (const p of resistant) expect(p.requires.mfa?.cite).toMatch(/hardware/)
  })

  it('lets every profile inherit the baseline flow and re-authentication limits', () => {
    for (const p of profiles) {
      expect(p.limits.flowLifespan?.seconds).toBe(3600)
      expect(p.limits.privilegedSessionMaxAge?.seconds).toBeGreaterThan(0)
    }
    expect(getProfile('owasp-high-value').limits.privilegedSessionMaxAge?.seconds).toBe(300)
  })

  it('requires a new session on re-authentication exactly under ASVS 5.0 (7.2.4, L1 and up)', () => {
    const requiring = profiles.filter((p) => p.requires.rotateOnReauthentication !== undefined)
    expect(requiring.map((p) => p.id)).toEqual(['asvs5-l1', 'asvs5-l2', 'asvs5-l3'])
    for (const p of requiring)
      expect(p.requires.rotateOnReauthentication).toEqual({
        cite: 'ASVS 5.0 7.2.4',
        level: 'required',
      })
    expect(describeProfile(getProfile('asvs5-l1'))).toMatch(
      /new session on reauth +required {2}required, ASVS 5\.0 7\.2\.4/,
    )
    expect(describeProfile(getProfile('asvs4-l3'))).not.toContain('new session on')
    expect(describeProfile(getProfile('baseline'))).not.toContain('new session on')
  })

  it('refuses unknown profiles with a stable code', () => {
    try {
      getProfile('nist-aal9')
      expect.unreachable()
    } catch (error) {
      expect(isAegisError(error) && error.code).toBe('AEGIS_PROFILE_UNKNOWN')
    }
  })

  it('names the nearest profile for a mistyped id (--profile), as aegis.config does, else lists them', () => {
    const hint = (id: string): string | undefined => {
      try {
        getProfile(id)
      } catch (error) {
        return isAegisError(error) ? error.hint : undefined
      }
      return undefined
    }
    expect(hint('asvs-l2')).toBe("did you mean 'asvs4-l2'? (aegis profiles lists them)")
    expect(hint('pci-dss4')).toBe("did you mean 'pci-dss-4'? (aegis profiles lists them)")
    expect(hint('zzz')).toMatch(/^known profiles: baseline, asvs4-l1, /)
  })
})
