// Checks of the application in front of Kratos, against an application double: Express with the
// guard (the secure application) or without an idle timeout (the weak one), in front of the
// Kratos double.
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { createGuard } from '../../../../guard/src/index.ts'
import { expressGuard } from '../../../../guard/src/adapters/express.ts'
import {
  startKratosDouble,
  type KratosDouble,
} from '../../../../../test/support/kratos-double/index.ts'
import { getProfile } from '../../profiles/index.ts'
import { runProbe } from '../run-probe.ts'
import { checks } from './index.ts'

const password = 'correct-horse-battery-staple-42'
const appChecks = checks.filter(
  (c) => c.meta.requires.includes('app') && !c.meta.requires.includes('browser'),
)
let kratos: KratosDouble | undefined
let server: Server | undefined
afterEach(async () => {
  server?.close()
  await kratos?.close()
  server = kratos = undefined
})

const startApp = async (k: KratosDouble, idleTimeout: string | undefined): Promise<string> => {
  const guard = createGuard({
    kratosUrl: k.publicUrl,
    kratosAdminUrl: k.adminUrl,
    cacheTtl: '100ms',
    activityCheckInterval: '100ms',
    ...(idleTimeout === undefined ? {} : { idleTimeout }),
  })
  const app = express()
    .use(expressGuard(guard))
    .get('/', (_req, res) => res.send('ok'))
  server = createServer(app)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`
}

const probeApp = async (idleTimeout: string | undefined) => {
  kratos = await startKratosDouble()
  await kratos.createIdentity({ email: 'probe@example.test', password })
  const appUrl = await startApp(kratos, idleTimeout)
  return runProbe({
    target: {
      publicUrl: new URL(kratos.publicUrl),
      adminUrl: new URL(kratos.adminUrl),
      appUrl: new URL(appUrl),
    },
    checks: appChecks,
    profile: getProfile('baseline'),
    identity: `probe@example.test:${password}`,
    appIdleTimeout: 1,
  })
}

describe('app-idle-timeout-enforced', () => {
  it('passes when the application (the guard, idleTimeout 1s) refuses an idle session and revokes it', async () => {
    const result = await probeApp('1s')
    const unit = result.units.find((u) => u.id === 'app-idle-timeout-enforced')!
    expect(unit.outcome, unit.reason).toBe('pass')
    expect(kratos!.sessions().filter((s) => s.active)).toEqual([])
  })

  it('fails, with evidence, when the application has no idle timeout', async () => {
    const result = await probeApp(undefined)
    const finding = result.findings.find((f) => f.ruleId === 'app-idle-timeout-enforced')!
    expect(finding.message).toMatch(/still serves the session after/)
    expect(finding.evidence!.some((e) => e.label === 'the application after the idle period')).toBe(
      true,
    )
    expect(JSON.stringify(result)).not.toContain(password)
  })

  it('is skipped, saying why, without --app-idle-timeout', async () => {
    kratos = await startKratosDouble()
    // The runner logs the identity in before the checks: it has to exist.
    await kratos.createIdentity({ email: 'probe@example.test', password })
    const result = await runProbe({
      target: { publicUrl: new URL(kratos.publicUrl), appUrl: new URL(kratos.publicUrl) },
      checks: appChecks,
      profile: getProfile('baseline'),
      identity: `probe@example.test:${password}`,
    })
    expect(result.units[0]?.outcome).toBe('skipped')
    expect(result.units[0]?.reason).toMatch(/--app-idle-timeout/)
  })

  it.each(appChecks.map((c) => c.id))('%s has its doc page', (id) => {
    expect(existsSync(new URL(`../../../../../docs/checks/${id}.md`, import.meta.url))).toBe(true)
  })
})
