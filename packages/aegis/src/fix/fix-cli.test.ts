import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runAegis, sharedDir } from '../../../../test/support/cli.ts'
import { validateTree } from '../kratos/index.ts'

const quickstart = join(
  sharedDir,
  'kratos/configs/contrib__quickstart__kratos__email-password__kratos.yml',
)

const setup = async (): Promise<{ dir: string; original: string }> => {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-fix-cli-'))
  const original = await readFile(quickstart, 'utf8')
  await writeFile(join(dir, 'kratos.yml'), original)
  return { dir, original }
}

describe('aegis fix on the email-password quickstart', () => {
  it('--dry-run shows a diff and writes nothing', async () => {
    const { dir, original } = await setup()
    const r = await runAegis(['fix', 'kratos.yml', '--dry-run'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^- {2}leak_sensitive_values: true$/m)
    expect(r.stdout).toMatch(/^\+ {2}leak_sensitive_values: false$/m)
    expect(r.stderr).toMatch(/skipped secret-placeholder: unsafe fix/)
    expect(await readFile(join(dir, 'kratos.yml'), 'utf8')).toBe(original)
  }, 60_000)

  it('applies safe fixes, keeps comments, re-audits, and a second run changes nothing', async () => {
    const { dir, original } = await setup()
    const first = await runAegis(['fix', 'kratos.yml'], { cwd: dir })
    expect(first.stderr).toMatch(/fixed log-leak-sensitive-values/)
    expect(first.stderr).toMatch(/finding\(s\) remain/)
    const fixed = await readFile(join(dir, 'kratos.yml'), 'utf8')
    for (const c of original.split('\n').filter((l) => /^\s*#/.test(l))) expect(fixed).toContain(c)
    expect(await readFile(join(dir, 'kratos.yml.aegis.bak'), 'utf8')).toBe(original)
    const tree = parse(fixed) as Record<string, unknown>
    expect(validateTree(tree, 'v26.2').filter((p) => p.severity === 'fatal')).toEqual([])
    const validate = await runAegis(['config', 'validate', 'kratos.yml'], { cwd: dir })
    expect(validate.stdout).toMatch(/would start: 0 fatal/)
    expect(validate.code).toBe(0)
    const second = await runAegis(['fix', 'kratos.yml'], { cwd: dir })
    expect(second.stdout).toBe('')
    expect(await readFile(join(dir, 'kratos.yml'), 'utf8')).toBe(fixed)
  }, 90_000)

  it("audits with aegis.config's profile when --profile is not given; the flag wins", async () => {
    const { dir } = await setup()
    await writeFile(join(dir, 'aegis.config.yaml'), 'profile: pci-dss-4\n')
    // baseline asks for a non-persistent session cookie, pci-dss-4 does not.
    const fromFile = await runAegis(['fix', 'kratos.yml', '--dry-run'], { cwd: dir })
    expect(fromFile.code).toBe(0)
    expect(fromFile.stderr).toMatch(/skipped session-extend-uncapped/)
    expect(fromFile.stderr).not.toMatch(/session-cookie-persistent/)
    const flag = await runAegis(['fix', 'kratos.yml', '--dry-run', '--profile', 'baseline'], {
      cwd: dir,
    })
    expect(flag.stderr).toMatch(/skipped session-cookie-persistent/)
  }, 60_000)

  it("leaves a rule aegis.config's rules: turns off, and lists remaining findings at its severity", async () => {
    const { dir, original } = await setup()
    await writeFile(
      join(dir, 'aegis.config.yaml'),
      'rules:\n  log-leak-sensitive-values: "off"\n  session-cookie-persistent: critical\n',
    )
    // audit drops the accepted rule's finding, so fix has nothing to plan for it.
    const dry = await runAegis(['fix', 'kratos.yml', '--dry-run'], { cwd: dir })
    expect(dry.code).toBe(0)
    expect(dry.stdout).not.toMatch(/leak_sensitive_values/)
    expect(dry.stderr).not.toMatch(/log-leak-sensitive-values/)
    const run = await runAegis(['fix', 'kratos.yml'], { cwd: dir })
    expect(run.stderr).toMatch(/^ {2}critical session-cookie-persistent /m)
    expect(run.stderr).not.toMatch(/log-leak-sensitive-values/)
    const fixed = await readFile(join(dir, 'kratos.yml'), 'utf8')
    expect(fixed).toMatch(/^ {2}leak_sensitive_values: true$/m)
    expect(fixed).not.toBe(original)
  }, 60_000)

  it("takes its inputs from aegis.config's inputs: when none are given", async () => {
    const { dir } = await setup()
    await writeFile(join(dir, 'aegis.config.yaml'), 'inputs: [kratos.yml]\n')
    const r = await runAegis(['fix', '--dry-run'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\+ {2}leak_sensitive_values: false$/m)
  }, 60_000)

  it("loads aegis.config's envFiles: as audit does and edits the env line Kratos uses", async () => {
    const { dir, original } = await setup()
    const quiet = original.replace(/leak_sensitive_values: true/, 'leak_sensitive_values: false')
    await writeFile(join(dir, 'kratos.yml'), quiet)
    await writeFile(join(dir, 'prod.env'), 'LOG_LEAK_SENSITIVE_VALUES=true\n')
    await writeFile(join(dir, 'aegis.config.yaml'), 'envFiles: [prod.env]\n')
    // The environment wins over the config file (FACTS.md §3): the leak is on, in prod.env.
    const r = await runAegis(['fix', 'kratos.yml', '--dry-run'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\+LOG_LEAK_SENSITIVE_VALUES=false$/m)
    expect(r.stderr).toMatch(/^fixed log-leak-sensitive-values: .*\(prod\.env\)$/m)
  }, 60_000)

  it('takes --env-file, --env and --kratos-version as audit does', async () => {
    const { dir, original } = await setup()
    const quiet = original.replace(/leak_sensitive_values: true/, 'leak_sensitive_values: false')
    await writeFile(join(dir, 'kratos.yml'), quiet)
    await writeFile(join(dir, 'prod.env'), 'LOG_LEAK_SENSITIVE_VALUES=true\n')
    // Named on the command line, the env file is loaded and its line edited.
    const named = await runAegis(['fix', 'kratos.yml', '--env-file', 'prod.env', '--dry-run'], {
      cwd: dir,
    })
    expect(named.code).toBe(0)
    expect(named.stdout).toMatch(/^\+LOG_LEAK_SENSITIVE_VALUES=false$/m)
    // Without it, the file's false stands and fix has nothing to do for this rule.
    const unnamed = await runAegis(['fix', 'kratos.yml', '--dry-run'], { cwd: dir })
    expect(unnamed.stderr).not.toMatch(/log-leak-sensitive-values/)
    // From the process environment (--env): no file to edit, so fix says what to set, by hand.
    const env = await runAegis(['fix', 'kratos.yml', '--env', '--dry-run'], {
      cwd: dir,
      env: { LOG_LEAK_SENSITIVE_VALUES: 'true' },
    })
    expect(env.stderr).toMatch(
      /^manual log-leak-sensitive-values: .*LOG_LEAK_SENSITIVE_VALUES=false\)$/m,
    )
    expect(env.stdout).not.toMatch(/LOG_LEAK_SENSITIVE_VALUES/)
    const version = await runAegis(['fix', 'kratos.yml', '--kratos-version', 'v9.9'], { cwd: dir })
    expect(version.code).toBe(2)
    expect(version.stderr).toMatch(/\(AEGIS_VERSION_UNKNOWN\)/)
    expect(await readFile(join(dir, 'kratos.yml'), 'utf8')).toBe(quiet)
  }, 60_000)

  it('exits as audit does: 1 only for a remaining finding at or above --fail-on', async () => {
    // After the safe fixes the quickstart keeps a high (its placeholder cookie secret) and lower.
    const high = await setup()
    const byDefault = await runAegis(['fix', 'kratos.yml'], { cwd: high.dir })
    expect(byDefault.stderr).toMatch(/^ {2}high secret-placeholder secrets\.cookie/m)
    expect(byDefault.stderr).not.toMatch(/^ {2}critical /m)
    expect(byDefault.code).toBe(1)
    const critical = await setup()
    const onCritical = await runAegis(['fix', 'kratos.yml', '--fail-on', 'critical'], {
      cwd: critical.dir,
    })
    expect(onCritical.stderr).toMatch(/finding\(s\) remain:/)
    expect(onCritical.code).toBe(0)
    // The project config's failOn: counts too, and a flag beats it.
    await writeFile(join(high.dir, 'aegis.config.yaml'), 'failOn: none\n')
    expect((await runAegis(['fix', 'kratos.yml'], { cwd: high.dir })).code).toBe(0)
    const flag = await runAegis(['fix', 'kratos.yml', '--fail-on', 'info'], { cwd: high.dir })
    expect(flag.code).toBe(1)
  }, 60_000)

  it("does not fail on what the baseline holds, and prints the loader's warnings, as audit does", async () => {
    const { dir } = await setup()
    // Every finding of today accepted into a baseline: what fix leaves behind is all in it.
    const saved = await runAegis(['audit', 'kratos.yml', '--update-baseline'], { cwd: dir })
    expect(saved.stderr).toMatch(/baseline written to aegis-baseline\.json/)
    const unbaselined = await setup()
    expect((await runAegis(['fix', 'kratos.yml'], { cwd: unbaselined.dir })).code).toBe(1)
    const r = await runAegis(['fix', 'kratos.yml', '--baseline', 'aegis-baseline.json'], {
      cwd: dir,
    })
    expect(r.stderr).toMatch(/^ {2}high secret-placeholder secrets\.cookie/m)
    expect(r.code).toBe(0)
    // A missing baseline stops the run before anything is written.
    const other = await setup()
    const missing = await runAegis(['fix', 'kratos.yml', '--baseline', 'nope.json'], {
      cwd: other.dir,
    })
    expect(missing.code).toBe(2)
    expect(await readFile(join(other.dir, 'kratos.yml'), 'utf8')).toBe(other.original)
    const old = await runAegis(['fix', 'kratos.yml', '--kratos-version', '1.1.0', '--dry-run'], {
      cwd: other.dir,
    })
    expect(old.stderr).toMatch(/^aegis: warning: Kratos 1\.1\.0 is older .*checked as v1\.3$/m)
  }, 60_000)

  it('masks the env file lines around an edit that hold secrets aegis does not know', async () => {
    const { dir, original } = await setup()
    const quiet = original.replace(/leak_sensitive_values: true/, 'leak_sensitive_values: false')
    await writeFile(join(dir, 'kratos.yml'), quiet)
    // POSTGRES_PASSWORD is no Kratos setting, so no view value hides it; it sits in the context.
    await writeFile(
      join(dir, 'prod.env'),
      'POSTGRES_PASSWORD=canary-pg-7Qx\nLOG_LEAK_SENSITIVE_VALUES=true\nDSN=postgres://k:canary-dsn-4Pz@db/k\n',
    )
    await writeFile(join(dir, 'aegis.config.yaml'), 'envFiles: [prod.env]\n')
    const r = await runAegis(['fix', 'kratos.yml', '--dry-run'], { cwd: dir })
    expect(r.stdout).toMatch(/^\+LOG_LEAK_SENSITIVE_VALUES=false$/m)
    expect(r.stdout).toMatch(/^ POSTGRES_PASSWORD=\[redacted\]$/m)
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/canary/)
  }, 60_000)

  it("refuses aegis.config's kratosVersion: when audit would, before reading inputs", async () => {
    const { dir } = await setup()
    await writeFile(join(dir, 'aegis.config.yaml'), 'kratosVersion: v9.9\n')
    const r = await runAegis(['fix', 'kratos.yml', '--dry-run'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/\(AEGIS_VERSION_UNKNOWN\)/)
  }, 60_000)

  it('--unsafe replaces the placeholder secrets without printing them', async () => {
    const { dir } = await setup()
    const r = await runAegis(['fix', 'kratos.yml', '--unsafe'], { cwd: dir })
    const tree = parse(await readFile(join(dir, 'kratos.yml'), 'utf8')) as {
      secrets: Record<string, string[]>
    }
    const cookie = tree.secrets['cookie']?.[0] ?? ''
    const cipher = tree.secrets['cipher']?.[0] ?? ''
    expect(cookie).not.toBe('PLEASE-CHANGE-ME-I-AM-VERY-INSECURE')
    expect(cipher).toHaveLength(32)
    for (const s of [cookie, cipher, 'PLEASE-CHANGE-ME-I-AM-VERY-INSECURE']) {
      expect(r.stdout + r.stderr).not.toContain(s)
    }
    expect(validateTree(tree, 'v26.2').filter((p) => p.severity === 'fatal')).toEqual([])
  }, 60_000)
})
