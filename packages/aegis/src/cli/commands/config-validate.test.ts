import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAegis, sharedDir } from '../../../../../test/support/cli.ts'
import type { CommandIO } from '../command.ts'
import { runConfigValidate } from './config-validate.ts'

const configs = join(sharedDir, 'kratos/configs')
const quickstart = (name: string) =>
  join(configs, `contrib__quickstart__kratos__${name}__kratos.yml`)

const temp = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-validate-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

const run = async (args: string[], cwd = process.cwd()) => {
  let stdout = ''
  let stderr = ''
  const io: CommandIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    env: {},
    cwd,
  }
  const code = await runConfigValidate(args, io)
  return { code, stdout, stderr }
}

const base = `version: v26.2.0
dsn: memory
identity:
  schemas:
    - id: default
      url: file:///etc/config/kratos/identity.schema.json
selfservice:
  default_browser_return_url: http://127.0.0.1:4455/
`

describe('aegis config validate', () => {
  it('accepts the quickstarts that carry their own DSN (exit 0)', async () => {
    for (const name of [
      'email-password',
      'all-strategies',
      'cloud',
      'phone-password',
      'webauthn',
    ]) {
      const r = await run([quickstart(name)])
      expect(r.code, `${name}: ${r.stdout}`).toBe(0)
      expect(r.stdout).toMatch(/would start: 0 fatal/)
    }
  })

  it('validates the compose quickstart with its mounted config and DSN from the environment', async () => {
    const dir = temp({})
    copyFileSync(join(configs, 'quickstart.yml'), join(dir, 'quickstart.yml'))
    const mounted = join(dir, 'contrib/quickstart/kratos/email-password')
    mkdirSync(mounted, { recursive: true })
    copyFileSync(quickstart('email-password'), join(mounted, 'kratos.yml'))
    const r = await run(['quickstart.yml', '--format', 'json'], dir)
    const data = JSON.parse(r.stdout) as {
      valid: boolean
      kratosVersion: string
      versionSource: string
    }
    expect(r.code).toBe(0)
    expect(data).toMatchObject({ valid: true, kratosVersion: 'v26.2', versionSource: 'image' })
  })

  it('refuses the passkey quickstart on its own: its DSN comes from compose (exit 1)', async () => {
    const r = await run([quickstart('passkey')])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('fatal missing-required: `dsn` is required')
    expect(r.stdout).toContain(quickstart('passkey'))
  })

  it('places each problem at file:line:column and explains the classic mistakes', async () => {
    const dir = temp({
      'kratos.yml': `${base}session:
  lifespan: 1d
  cookie:
    http_only: true
    secure: false
ciphers:
  algoritm: aes
`,
    })
    const r = await run(['kratos.yml'], dir)
    expect(r.code).toBe(1)
    const lines = r.stdout.split('\n')
    const line = (code: string) => lines.find((l) => l.includes(` ${code}: `)) ?? ''
    expect(line('bad-duration')).toMatch(/kratos\.yml:10:\d+: fatal bad-duration/)
    expect(line('unknown-key')).toMatch(
      /kratos\.yml:12:\d+: fatal unknown-key: `session.cookie.http_only`/,
    )
    expect(line('secure-not-string')).toMatch(/kratos\.yml:13:\d+: fatal secure-not-string/)
    expect(line('ignored-key')).toMatch(/kratos\.yml:15:\d+: ignored ignored-key/)
    expect(r.stdout).toContain('hint: Write `24h`')
    expect(r.stdout).toContain('hint: Did you mean `algorithm`?')
    expect(r.stdout).toMatch(
      /Kratos v26\.2 \(from `version:`\) would refuse to start: 3 fatal, 1 ignored/,
    )
  })

  it('places a missing key at its nearest set ancestor', async () => {
    const dir = temp({ 'kratos.yml': `${base}hashers:\n  bcrypt: {}\n` })
    const r = await run(['kratos.yml', '--format', 'json'], dir)
    const data = JSON.parse(r.stdout) as {
      problems: { key: string; location: { line: number } | null }[]
    }
    expect(r.code).toBe(1)
    expect(data.problems).toEqual([
      expect.objectContaining({
        key: 'hashers.bcrypt.cost',
        location: expect.objectContaining({ line: 10 }),
      }),
    ])
  })

  it('judges by --kratos-version: session.cookie.secure is unknown in v1.3', async () => {
    const dir = temp({
      'kratos.yml': `${base.replace('version: v26.2.0\n', '')}session:\n  cookie:\n    secure: "true"\n`,
    })
    expect((await run(['kratos.yml', '--kratos-version', 'v26.2.0'], dir)).code).toBe(0)
    const old = await run(['kratos.yml', '--kratos-version', 'v1.3.1'], dir)
    expect(old.code).toBe(1)
    expect(old.stdout).toContain('exists in v25.4, v26.2, head')
    expect(old.stdout).toContain('from --kratos-version')
  })

  it('never prints secret values', async () => {
    const short = 'tiny-secret-1'
    const dir = temp({
      'kratos.yml': `${base}secrets:\n  cookie: [${short}]\n  cipher: [${'z'.repeat(31)}]\n`,
    })
    for (const format of ['text', 'json']) {
      const r = await run(['kratos.yml', '--format', format], dir)
      expect(r.code).toBe(1)
      expect(r.stdout).not.toContain(short)
      expect(r.stdout).not.toContain('z'.repeat(31))
      expect(r.stdout).toContain('secrets.cipher.0')
    }
  })

  it('exits 2 on tool errors (bad flags, unknown version, missing file)', async () => {
    await expect(run([])).rejects.toMatchObject({ code: 'AEGIS_USAGE' })
    await expect(run([quickstart('cloud'), '--format', 'xml'])).rejects.toMatchObject({
      code: 'AEGIS_USAGE',
    })
    await expect(run([quickstart('cloud'), '--kratos-version', 'v9'])).rejects.toMatchObject({
      code: 'AEGIS_VERSION_UNKNOWN',
    })
    const r = await runAegis(['config', 'validate', 'does-not-exist.yml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('AEGIS_FILE_NOT_FOUND')
  })

  it('runs through the built CLI with exit 0 and 1', async () => {
    const ok = await runAegis(['config', 'validate', quickstart('cloud')])
    expect(ok.code, ok.stderr).toBe(0)
    const dir = temp({ 'kratos.yml': `${base}self_service: {}\n` })
    const bad = await runAegis(['config', 'validate', 'kratos.yml'], { cwd: dir })
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('Did you mean `selfservice`?')
  })
})

// The shared directory must stay as the tests expect it.
describe('test data', () => {
  it('has the six quickstarts', () => {
    expect(readdirSync(configs).filter((f) => f.startsWith('contrib__quickstart__'))).toHaveLength(
      6,
    )
  })
})
