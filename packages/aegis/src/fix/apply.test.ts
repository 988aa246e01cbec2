import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadDeployment } from '../config/index.ts'
import type { Finding, Fix } from '../engine/finding.ts'
import { planFixes } from './apply.ts'
import { runFix, type RunFixOptions } from './run.ts'
import { repoRoot } from '../../../../test/support/cli.ts'

const compose = `services:
  kratos:
    image: oryd/kratos:v26.2.0
    command: serve -c /etc/config/kratos/kratos.yml --dev
    environment:
      - DSN=memory
      - SESSION_COOKIE_SAME_SITE=None # cross-site, on purpose?
    volumes:
      - ./kratos.yml:/etc/config/kratos/kratos.yml
`
const kratos = `# quickstart-like config
session:
  lifespan: 720h # thirty days
secrets:
  cookie:
    - PLEASE-CHANGE-ME-I-AM-VERY-INSECURE
log:
  leak_sensitive_values: true
`

const finding = (ruleId: string, key: string, fix: Fix): Finding => ({
  ruleId,
  severity: 'high',
  concern: 'secrets',
  key,
  message: ruleId,
  location: null,
  origin: 'file',
  references: {},
  fix,
  suppressed: null,
})

/** Fixes exactly as the audit rules carry them (see rules/*.ts). */
const findings: Finding[] = [
  finding('cookie-same-site-none', 'session.cookie.same_site', {
    kind: 'safe',
    description: 'SameSite=Lax',
    edits: [{ op: 'set', key: 'session.cookie.same_site', value: 'Lax' }],
  }),
  finding('log-leak-sensitive-values', 'log.leak_sensitive_values', {
    kind: 'safe',
    description: 'stop logging tokens',
    edits: [{ op: 'set', key: 'log.leak_sensitive_values', value: false }],
  }),
  finding('session-lifespan-too-long', 'session.lifespan', {
    kind: 'unsafe',
    description: 'shorter sessions',
    edits: [{ op: 'set', key: 'session.lifespan', value: '24h' }],
  }),
  finding('dev-mode-enabled', 'dev', {
    kind: 'safe',
    description: 'turn dev mode off',
    edits: [{ op: 'remove', key: 'dev' }],
  }),
  finding('secret-placeholder', 'secrets.cookie', {
    kind: 'safe',
    description: 'new cookie secret',
    edits: [{ op: 'generate-secret', key: 'secrets.cookie', length: 32 }],
  }),
]

const setup = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-fix-'))
  await writeFile(join(dir, 'docker-compose.yml'), compose)
  await writeFile(join(dir, 'kratos.yml'), kratos)
  return dir
}

describe('planFixes', () => {
  it('edits where each value comes from, and says what it cannot edit', async () => {
    const dir = await setup()
    const d = await loadDeployment(['docker-compose.yml'], { cwd: dir })
    const plan = await planFixes(d, findings, { cwd: dir, unsafe: false, allowSecretInFile: false })
    const byFile = new Map(plan.changes.map((c) => [c.file, c.after]))
    // The env var overrides the file (FACTS.md §3), so the compose entry is what changes.
    expect(byFile.get('docker-compose.yml')).toBe(
      compose.replace('SESSION_COOKIE_SAME_SITE=None', 'SESSION_COOKIE_SAME_SITE=Lax'),
    )
    const config = byFile.get('kratos.yml') ?? ''
    expect(config).toContain('# quickstart-like config')
    expect(config).toContain('lifespan: 720h # thirty days') // unsafe fix not applied
    expect(config).toContain('leak_sensitive_values: false')
    const tree = parse(config) as { secrets: { cookie: string[] } }
    expect(tree.secrets.cookie).toHaveLength(1)
    expect(tree.secrets.cookie[0]).toMatch(/^[A-Za-z0-9_-]{32}$/) // untracked file: written
    expect(plan.skipped.map((s) => s.ruleId)).toEqual(['session-lifespan-too-long'])
    // --dev is a flag in the compose command: printed as an exact change, not edited.
    expect(plan.manual.map((m) => m.ruleId)).toEqual(['dev-mode-enabled'])
    expect(plan.manual[0]?.instruction).toMatch(
      /remove dev in the flag --dev of compose service kratos \(docker-compose.yml:4\)/,
    )
  })

  it('does not write a generated secret into a file git tracks', async () => {
    const dir = await setup()
    execFileSync('git', ['init', '-q'], { cwd: dir })
    execFileSync('git', ['add', 'kratos.yml'], { cwd: dir })
    const d = await loadDeployment(['kratos.yml'], { cwd: dir })
    const plan = await planFixes(d, findings, { cwd: dir, unsafe: true, allowSecretInFile: false })
    const config = plan.changes.find((c) => c.file === 'kratos.yml')?.after ?? ''
    expect(config).toContain('PLEASE-CHANGE-ME-I-AM-VERY-INSECURE')
    expect(config).toContain('lifespan: 24h # thirty days') // --unsafe applied
    expect(plan.secrets).toHaveLength(1)
    expect(plan.secrets[0]?.file).toBeNull()
    expect(plan.manual.find((m) => m.ruleId === 'secret-placeholder')?.instruction).toMatch(
      /git tracks that file/,
    )
  }, 30_000)
})

describe('planFixes on Helm values', () => {
  it('edits kratos.config in values.yaml and prints what the chart sets elsewhere', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aegis-fix-helm-'))
    const values = await readFile(
      join(repoRoot, 'test/fixtures/deployments/helm/values.yaml'),
      'utf8',
    )
    await writeFile(join(dir, 'values.yaml'), values)
    const d = await loadDeployment(['values.yaml'], { cwd: dir })
    const plan = await planFixes(d, findings.slice(0, 2).concat(findings[3] ?? []), {
      cwd: dir,
      unsafe: false,
      allowSecretInFile: false,
    })
    const after = plan.changes.find((c) => c.file === 'values.yaml')?.after ?? ''
    expect(after).toBe(
      values
        .replace('same_site: None', 'same_site: Lax')
        .replace('leak_sensitive_values: true', 'leak_sensitive_values: false'),
    )
    // `kratos.development: true` is the chart's switch, not a Kratos key: printed, not edited.
    expect(plan.manual.map((m) => m.ruleId)).toEqual(['dev-mode-enabled'])
  })
})

describe('runFix', () => {
  /** The fixture in a git repository with kratos.yml tracked (secrets must not go there). */
  const setupTracked = async (): Promise<string> => {
    const dir = await setup()
    execFileSync('git', ['init', '-q'], { cwd: dir })
    execFileSync('git', ['add', 'kratos.yml'], { cwd: dir })
    return dir
  }
  /** `aegis fix docker-compose.yml` without flags. */
  const plain = (dir: string, audit: () => Finding[]): RunFixOptions => ({
    inputs: ['docker-compose.yml'],
    cwd: dir,
    unsafe: false,
    dryRun: false,
    allowSecretInFile: false,
    reveal: false,
    audit,
  })

  it('writes atomically with a backup, hides secrets in the diff, hands pending secrets over 0600', async () => {
    const dir = await setupTracked()
    let audits = 0
    const r = await runFix({
      ...plain(dir, () => (audits++ === 0 ? findings : [])),
      secretsOut: 'new-secrets.json',
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('--- a/docker-compose.yml')
    expect(r.stdout).toContain('+      - SESSION_COOKIE_SAME_SITE=Lax # cross-site, on purpose?')
    expect(r.stdout + r.stderr).not.toContain('PLEASE-CHANGE-ME')
    expect(await readFile(join(dir, 'docker-compose.yml.aegis.bak'), 'utf8')).toBe(compose)
    const written = JSON.parse(await readFile(join(dir, 'new-secrets.json'), 'utf8')) as Record<
      string,
      string[]
    >
    const secret = written['secrets.cookie']?.[0] ?? ''
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect((await stat(join(dir, 'new-secrets.json'))).mode & 0o777).toBe(0o600)
    expect(r.stdout + r.stderr).not.toContain(secret)
    expect(r.stderr).toMatch(/0 finding\(s\) remain/)
  }, 30_000)

  it('never replaces an existing --secrets-out file, and then writes nothing at all (QA N20)', async () => {
    const dir = await setupTracked()
    const earlier = '{"secrets.cookie":["handed-over-by-the-first-run-0123"]}\n'
    await writeFile(join(dir, 'new-secrets.json'), earlier)
    const options = { ...plain(dir, () => findings), secretsOut: 'new-secrets.json' }
    await expect(runFix(options)).rejects.toThrow(/new-secrets\.json already exists/)
    expect(await readFile(join(dir, 'new-secrets.json'), 'utf8')).toBe(earlier)
    expect(await readFile(join(dir, 'docker-compose.yml'), 'utf8')).toBe(compose)
    expect(await readFile(join(dir, 'kratos.yml'), 'utf8')).toBe(kratos)
    // A dangling symlink is refused too: writing through it would create a file elsewhere.
    await symlink(join(dir, 'nowhere.json'), join(dir, 'link.json'))
    await expect(runFix({ ...options, secretsOut: 'link.json' })).rejects.toThrow(/already exists/)
  }, 30_000)

  it('refuses to write when the file changed after it was read', async () => {
    const dir = await setup()
    const audit = (): Finding[] => {
      // Simulates another writer between reading and writing.
      writeFileSync(join(dir, 'kratos.yml'), `${kratos}# edited meanwhile\n`)
      return findings.slice(1, 2)
    }
    await expect(runFix({ ...plain(dir, audit), inputs: ['kratos.yml'] })).rejects.toThrow(
      /changed on disk/,
    )
    expect(await readFile(join(dir, 'kratos.yml'), 'utf8')).toBe(`${kratos}# edited meanwhile\n`)
  })
})
