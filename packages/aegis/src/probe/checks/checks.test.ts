// Every check is proven both ways: it passes against the hardened double and fails, with
// evidence, against the double with exactly the weakness it exists to find.
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startKratosDouble,
  type DoubleOptions,
  type KratosDouble,
} from '../../../../../test/support/kratos-double/index.ts'
import { getProfile } from '../../profiles/index.ts'
import { runProbe } from '../run-probe.ts'
import { checks as allChecks } from './index.ts'

// Browser checks are proven in browser-checks.test.ts (one Chromium for that file), checks of
// the application in front of Kratos in app-checks.test.ts (an application double).
const checks = allChecks.filter(
  (c) => !c.meta.requires.includes('browser') && !c.meta.requires.includes('app'),
)

const hardened: DoubleOptions = {
  cookie: { name: '__Host-ory_kratos_session' },
  blockAdminPathsOnPublic: true,
  lifespan: '12h',
}
const password = 'correct-horse-battery-staple-42'

/** The double options under which each check must fail. */
const weakened: Record<string, { options: DoubleOptions; profile?: string; message: RegExp }> = {
  'admin-api-not-public': {
    options: { ...hardened, weaknesses: { adminOnPublic: true } },
    message: /admin API answers/,
  },
  'cookie-tossing-resisted': { options: { ...hardened, cookie: {} }, message: /no __Host- prefix/ },
  'cors-credentials-origin': {
    options: { ...hardened, weaknesses: { corsReflectAnyOrigin: true } },
    message: /hostile origin/,
  },
  'csrf-browser-flow': {
    options: { ...hardened, weaknesses: { csrfNotChecked: true } },
    message: /without a CSRF token/,
  },
  'csrf-cookie-attributes': {
    options: { ...hardened, cookie: {}, dev: true },
    message: /no Secure/,
  },
  'logout-api-revokes': {
    options: { ...hardened, weaknesses: { apiLogoutDoesNotRevoke: true } },
    message: /still accepted/,
  },
  'logout-browser-revokes': {
    options: { ...hardened, weaknesses: { logoutDoesNotRevoke: true } },
    message: /still accepted/,
  },
  'password-change-revokes-others': {
    options: { ...hardened, weaknesses: { passwordChangeKeepsSessions: true } },
    message: /survived/,
  },
  'return-to-open-redirect': {
    options: { ...hardened, weaknesses: { openRedirect: true } },
    message: /accepted https:\/\/evil/,
  },
  'session-cookie-attributes': {
    options: { ...hardened, weaknesses: { cookieNotHttpOnly: true } },
    message: /no HttpOnly/,
  },
  'session-fixation-resisted': {
    options: { ...hardened, weaknesses: { sessionReusedOnLogin: true } },
    message: /adopted a planted/,
  },
  'session-lifetime-profile': {
    options: { ...hardened, weaknesses: { longLifespan: true } },
    // The audit's duration wording (QA N3), not Go's 8760h0m0s.
    message: /^sessions live 365d, longer than the profile's 24h: lower session\.lifespan$/,
  },
  'session-reauth-rotation': { options: hardened, profile: 'asvs5-l1', message: /7\.2\.4/ },
  'session-revocation-immediate': {
    options: { ...hardened, weaknesses: { revokeIsCached: true } },
    message: /still accepts/,
  },
  'token-leakage-absent': {
    options: { ...hardened, weaknesses: { tokenInUrl: true, noCacheControl: true } },
    message: /redirect carries the session token/,
  },
  'transport-https-enforced': {
    options: { ...hardened, weaknesses: { noHsts: true, acceptsPlainHttp: true } },
    message: /Strict-Transport-Security/,
  },
}

const probeDouble = async (kratos: KratosDouble, ids: readonly string[], profile = 'baseline') => {
  await kratos.createIdentity({ email: 'probe@example.test', password })
  return runProbe({
    target: { publicUrl: new URL(kratos.publicUrl), adminUrl: new URL(kratos.adminUrl) },
    checks: checks.filter((c) => ids.includes(c.id)),
    profile: getProfile(profile),
    identity: `probe@example.test:${password}`,
    allowIntrusive: true,
  })
}

describe('probe checks against the hardened double', () => {
  let kratos: KratosDouble
  beforeAll(async () => {
    kratos = await startKratosDouble(hardened)
  })
  afterAll(() => kratos.close())

  it('pass, every one of them, and leave no session behind', async () => {
    const result = await probeDouble(
      kratos,
      checks.map((c) => c.id),
    )
    const notPassed = result.units
      .filter((u) => u.outcome !== 'pass')
      .map((u) => `${u.id}: ${u.reason ?? ''}`)
    // Kratos keeps the session through a refresh login (FACTS §5.3); baseline does not ask for
    // rotation, so that check is not judged rather than passed (QA M2).
    expect(notPassed).toEqual([
      'session-reauth-rotation: not judged: profile baseline does not require a new session on re-authentication; observed: the target kept the same session id and token (Kratos behaviour)',
    ])
    expect(kratos.sessions().filter((s) => s.active)).toEqual([])
  })
})

describe.each(Object.entries(weakened))('%s against its weakness', (id, setup) => {
  let kratos: KratosDouble
  beforeAll(async () => {
    kratos = await startKratosDouble(setup.options)
  })
  afterAll(() => kratos.close())

  it('fails with a message and redacted evidence', async () => {
    const result = await probeDouble(kratos, [id], setup.profile)
    const unit = result.units.find((u) => u.id === id)
    expect(unit?.outcome, unit?.reason).toBe('fail')
    const finding = result.findings.find((f) => f.ruleId === id)!
    expect(finding.message).toMatch(setup.message)
    expect(finding.evidence!.length).toBeGreaterThan(0)
    const dump = JSON.stringify(result)
    expect(dump).not.toContain(password)
    for (const s of kratos.sessions()) expect(dump).not.toContain(s.token.slice(7))
  })
})

describe('check registry', () => {
  it('has a weakened case for every check', () => {
    expect(Object.keys(weakened).sort()).toEqual(checks.map((c) => c.id).sort())
  })

  it.each(allChecks.map((c) => c.id))('%s has its doc page', (id) => {
    const page = new URL(`../../../../../docs/checks/${id}.md`, import.meta.url)
    expect(existsSync(page)).toBe(true)
    expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`^# ${id}\\n`))
  })
})
