// The report plumbing end to end through the built `aegis audit`: exit codes, every format,
// inline suppressions in a real YAML file, baselines across edits, and no secret in any output.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sarifErrors } from '../../../../test/fixtures/result-sarif.ts'
import { runAegis } from '../../../../test/support/cli.ts'
import { reportFormats } from '../report/types.ts'

const secrets = ['Sup3rSecretDbPass', 'PLANTED-COOKIE-SECRET-0123456789abcdef']

const kratos = (lifespan: string, comment = '') => `version: v1.3.1
dsn: postgres://kratos:Sup3rSecretDbPass@db:5432/kratos?sslmode=verify-full
serve:
  public:
    base_url: https://auth.example.com/
secrets:
  cookie:
    - PLANTED-COOKIE-SECRET-0123456789abcdef
session:
  lifespan: ${lifespan}${comment}
`

const project = async (text: string) => {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-cli-report-'))
  await writeFile(join(dir, 'kratos.yml'), text)
  return dir
}

interface Json {
  findings: { ruleId: string; key: string; suppressed: { kind: string; reason: string } | null }[]
}

const audit = async (dir: string, args: string[]) =>
  runAegis(['audit', 'kratos.yml', ...args], { cwd: dir, timeoutMs: 30_000 })

describe('aegis audit reports (built CLI)', { timeout: 60_000 }, () => {
  it('exits 1 at or above --fail-on, 0 below it, 2 on a tool error', async () => {
    const dir = await project(kratos('720h'))
    expect((await audit(dir, [])).code).toBe(1)
    expect((await audit(dir, ['--fail-on', 'critical'])).code).toBe(0)
    const bad = await audit(dir, ['--format', 'pdf'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--format must be one of .*\(AEGIS_USAGE\)/)
  })

  it('writes every format without a secret, and SARIF that validates', async () => {
    const dir = await project(kratos('720h'))
    for (const format of reportFormats) {
      const r = await audit(dir, ['--format', format, '--fail-on', 'none'])
      expect(r.code).toBe(0)
      expect(r.stdout.length).toBeGreaterThan(100)
      for (const s of secrets) expect(r.stdout).not.toContain(s)
      if (format === 'sarif') expect(sarifErrors(JSON.parse(r.stdout))).toEqual([])
    }
  })

  it('honours an inline suppression in the YAML file and reports an expired one', async () => {
    const ok = await project(
      kratos('720h', ' # aegis-ignore session-lifespan-too-long reason="kiosk"'),
    )
    const json = JSON.parse((await audit(ok, ['--format', 'json'])).stdout) as Json
    const lifespan = json.findings.find((f) => f.ruleId === 'session-lifespan-too-long')
    expect(lifespan?.suppressed).toEqual({ kind: 'inline', reason: 'kiosk' })
    const ignored = JSON.parse(
      (await audit(ok, ['--format', 'json', '--no-inline-suppressions'])).stdout,
    ) as Json
    expect(
      ignored.findings.find((f) => f.ruleId === 'session-lifespan-too-long')?.suppressed,
    ).toBeNull()

    const old = await project(
      kratos('720h', ' # aegis-ignore session-lifespan-too-long reason="x" until=2020-01-01'),
    )
    const expired = JSON.parse((await audit(old, ['--format', 'json'])).stdout) as Json
    expect(expired.findings.map((f) => f.ruleId)).toContain('aegis-suppression-invalid')
    expect(
      expired.findings.find((f) => f.ruleId === 'session-lifespan-too-long')?.suppressed,
    ).toBeNull()
  })

  it('keeps a baseline stable across line moves and reports a changed value as new', async () => {
    const dir = await project(kratos('720h'))
    const update = await audit(dir, ['--update-baseline'])
    expect(update.code).toBe(0)
    expect(update.stderr).toMatch(/baseline written to aegis-baseline.json/)
    const baseline = await readFile(join(dir, 'aegis-baseline.json'), 'utf8')
    for (const s of secrets) expect(baseline).not.toContain(s)

    await writeFile(join(dir, 'kratos.yml'), `# moved down by a comment\n\n${kratos('720h')}`)
    const moved = await audit(dir, ['--baseline', 'aegis-baseline.json', '--format', 'json'])
    expect((JSON.parse(moved.stdout) as Json).findings).toEqual([])
    expect(moved.code).toBe(0)

    await writeFile(join(dir, 'kratos.yml'), kratos('168h'))
    const changed = await audit(dir, ['--baseline', 'aegis-baseline.json', '--format', 'json'])
    const keys = (JSON.parse(changed.stdout) as Json).findings.map((f) => f.key)
    expect(keys).toContain('session.lifespan')
  })
})
