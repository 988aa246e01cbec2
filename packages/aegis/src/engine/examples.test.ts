/**
 * The bundled deployments: the insecure one shows every major weakness with its location; the
 * hardened one produces nothing above `low` under the default profile (issue 3).
 */
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../../../test/support/cli.ts'
import { loadDeployment } from '../config/index.ts'
import { getProfile } from '../profiles/index.ts'
import { audit } from './audit.ts'
import { severityRank } from './finding.ts'

const run = async (name: string, profile = 'baseline') => {
  const input = `examples/${name}/docker-compose.yml`
  const loaded = await loadDeployment([input], { cwd: repoRoot })
  return audit(loaded.view, getProfile(profile), [input])
}

describe('examples/hardened', () => {
  it('has nothing above low under baseline', async () => {
    const { findings } = await run('hardened')
    expect(findings.filter((f) => severityRank[f.severity] > severityRank.low)).toEqual([])
    // What configuration cannot close: Kratos has no idle timeout; TLS is terminated in front.
    expect(findings.map((f) => f.ruleId).sort()).toEqual([
      'session-idle-timeout-missing',
      'tls-termination-unknown',
    ])
  })

  it('is not reported as missing secrets or DSN: they are injected at deploy time', async () => {
    const { findings } = await run('hardened', 'asvs5-l2')
    const ids = findings.map((f) => f.ruleId)
    for (const id of [
      'secrets-missing',
      'config-invalid',
      'secret-in-plain-file',
      'mfa-not-enabled',
    ]) {
      expect(ids).not.toContain(id)
    }
  })
})

describe('examples/insecure', () => {
  it('shows the classic weaknesses, located in the compose file and the mounted config', async () => {
    const { findings } = await run('insecure')
    const byRule = new Map(findings.map((f) => [f.ruleId, f]))
    expect(byRule.get('dev-mode-enabled')).toMatchObject({
      origin: 'compose',
      location: { file: 'examples/insecure/docker-compose.yml' },
    })
    expect(byRule.get('session-lifespan-too-long')?.location).toMatchObject({
      file: 'examples/insecure/kratos/kratos.yml',
      line: 14,
    })
    const concerns = new Set(findings.map((f) => f.concern))
    for (const c of [
      'session-lifetime',
      'cookie-samesite',
      'cookie-scope',
      'cookie-secure',
      'dev-mode',
      'secrets',
      'storage',
      'cors',
      'return-urls',
      'logging',
      'mfa',
      'reauthentication',
    ]) {
      expect(concerns).toContain(c)
    }
    const text = JSON.stringify(findings)
    for (const secret of [
      'PLEASE-CHANGE-ME',
      '32-LONG-SECRET',
      'kratos-db-password',
      'mail-password',
    ]) {
      expect(text).not.toContain(secret)
    }
  })
})
