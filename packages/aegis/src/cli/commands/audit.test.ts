import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAegis } from '../../../../../test/support/cli.ts'

const dir = mkdtempSync(join(tmpdir(), 'aegis-audit-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

const insecure = [
  'dsn: memory',
  'session:',
  '  lifespan: 720h',
  '  cookie:',
  '    same_site: None',
  'secrets:',
  '  cookie:',
  '    - PLEASE-CHANGE-ME-I-AM-VERY-INSECURE',
  'log:',
  '  leak_sensitive_values: true',
  '',
].join('\n')
writeFileSync(join(dir, 'kratos.yml'), insecure)

interface Json {
  tool: { name: string; version: string }
  profile: string
  kratosVersion: string
  inputs: string[]
  findings: {
    ruleId: string
    severity: string
    concern: string
    key: string
    message: string
    location: { file: string; line: number; column: number } | null
    origin: string
    references: Record<string, string[]>
    fix: unknown
    suppressed: unknown
  }[]
  summary: { total: number }
  units: { id: string; outcome: string }[]
  lifetimes: { key: string; seconds: number | null; limitSeconds: number | null }[]
}

describe('aegis audit', () => {
  it('prints the JSON contract with located findings and exits 1', async () => {
    const r = await runAegis(['audit', 'kratos.yml', '--format', 'json'], { cwd: dir })
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as Json
    expect(out.tool.name).toBe('kratos-aegis')
    expect(out.profile).toBe('baseline')
    expect(out.inputs).toEqual(['kratos.yml'])
    const lifespan = out.findings.find((f) => f.ruleId === 'session-lifespan-too-long')
    expect(lifespan).toMatchObject({
      severity: 'medium',
      concern: 'session-lifetime',
      key: 'session.lifespan',
      origin: 'file',
      location: { file: 'kratos.yml', line: 3, column: 13 },
      suppressed: null,
    })
    expect(Object.keys(lifespan!).sort()).toEqual(
      expect.arrayContaining([
        'ruleId',
        'severity',
        'concern',
        'key',
        'message',
        'location',
        'origin',
        'references',
        'fix',
        'suppressed',
      ]),
    )
    expect(out.findings.find((f) => f.ruleId === 'session-cookie-persistent')).toMatchObject({
      origin: 'default',
      location: { file: 'kratos.yml', line: 4 }, // the nearest set ancestor, session.cookie
    })
    expect(out.summary.total).toBe(out.findings.length)
    expect(out.units.some((u) => u.outcome === 'pass')).toBe(true)
    expect(out.lifetimes.find((l) => l.key === 'session.lifespan')).toEqual(
      expect.objectContaining({ seconds: 720 * 3600, limitSeconds: 24 * 3600 }),
    )
    expect(r.stdout).not.toContain('PLEASE-CHANGE-ME')
  })

  it('judges against the chosen profile', async () => {
    const r = await runAegis(
      ['audit', 'kratos.yml', '--format', 'json', '--profile', 'pci-dss-4'],
      { cwd: dir },
    )
    const out = JSON.parse(r.stdout) as Json
    expect(out.profile).toBe('pci-dss-4')
    expect(out.findings.find((f) => f.ruleId === 'session-idle-timeout-missing')?.severity).toBe(
      'high',
    )
    expect(out.findings.some((f) => f.ruleId === 'session-lifespan-too-long')).toBe(false)
  })

  it('reads env files the user names and never calls injected secrets missing', async () => {
    writeFileSync(join(dir, 'bare.yml'), 'dsn: memory\n')
    writeFileSync(join(dir, 'kratos.env'), 'SECRETS_COOKIE=["0f9e8d7c6b5a49382716a5b4c3d2e1f0"]\n')
    const without = JSON.parse(
      (await runAegis(['audit', 'bare.yml', '--format', 'json'], { cwd: dir })).stdout,
    ) as Json
    expect(without.findings.some((f) => f.ruleId === 'secrets-missing')).toBe(true)
    const r = await runAegis(
      ['audit', 'bare.yml', '--env-file', 'kratos.env', '--format', 'json'],
      { cwd: dir },
    )
    const out = JSON.parse(r.stdout) as Json
    expect(out.findings.some((f) => f.ruleId === 'secrets-missing')).toBe(false)
    expect(r.stdout).not.toContain('0f9e8d7c6b5a49382716a5b4c3d2e1f0')
  })

  it('prints text by default', async () => {
    const r = await runAegis(['audit', 'kratos.yml', '--fail-on', 'none'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('log-leak-sensitive-values')
  })

  it('says when the Kratos version was assumed, in the header and the JSON (QA N18)', async () => {
    const text = await runAegis(['audit', 'kratos.yml', '--fail-on', 'none'], { cwd: dir })
    expect(text.stdout.split('\n')[0]).toMatch(/Kratos v26\.2 \(assumed; set --kratos-version\)/)
    const json = JSON.parse(
      (await runAegis(['audit', 'kratos.yml', '--format', 'json'], { cwd: dir })).stdout,
    ) as { kratosVersionSource: string }
    expect(json.kratosVersionSource).toBe('assumed')
    const md = await runAegis(['audit', 'kratos.yml', '--format', 'markdown'], { cwd: dir })
    expect(md.stdout).toContain('(assumed; set --kratos-version)')
    writeFileSync(join(dir, 'versioned.yml'), `version: v26.2.0\n${insecure}`)
    const named = await runAegis(['audit', 'versioned.yml', '--fail-on', 'none'], { cwd: dir })
    expect(named.stdout.split('\n')[0]).toMatch(/Kratos v26\.2$/)
    const given = await runAegis(
      ['audit', 'kratos.yml', '--kratos-version', 'v1.3.1', '--fail-on', 'none'],
      { cwd: dir },
    )
    expect(given.stdout).not.toContain('assumed')
  }, 60_000)

  it('fails with exit 2 on usage errors and unknown profiles', async () => {
    expect((await runAegis(['audit'], { cwd: dir })).code).toBe(2)
    const r = await runAegis(['audit', 'kratos.yml', '--profile', 'nope'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('AEGIS_PROFILE_UNKNOWN')
    expect(
      (await runAegis(['audit', 'kratos.yml', '--kratos-version', 'v9'], { cwd: dir })).stderr,
    ).toContain('AEGIS_VERSION_UNKNOWN')
  })
})

describe('aegis audit with a project configuration', () => {
  it('takes inputs, profile and Kratos version from aegis.config.json when no flag gives them', async () => {
    const project = mkdtempSync(join(tmpdir(), 'aegis-project-'))
    try {
      writeFileSync(join(project, 'kratos.yml'), insecure)
      writeFileSync(
        join(project, 'aegis.config.json'),
        JSON.stringify({ inputs: ['kratos.yml'], profile: 'asvs4-l2', kratosVersion: 'v1.3' }),
      )
      const r = await runAegis(['audit', '--format', 'json'], { cwd: project })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(1)
      const json = JSON.parse(r.stdout) as Json
      expect(json.profile).toBe('asvs4-l2')
      expect(json.kratosVersion).toMatch(/^v1\.3/)
      const flagged = await runAegis(
        ['audit', 'kratos.yml', '--profile', 'baseline', '--format', 'json'],
        {
          cwd: project,
        },
      )
      expect((JSON.parse(flagged.stdout) as Json).profile).toBe('baseline')
    } finally {
      rmSync(project, { recursive: true, force: true })
    }
  })
})
