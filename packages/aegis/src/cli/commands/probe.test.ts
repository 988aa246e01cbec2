import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { repoRoot, runAegis } from '../../../../../test/support/cli.ts'
import {
  startKratosDouble,
  type KratosDouble,
} from '../../../../../test/support/kratos-double/index.ts'

let kratos: KratosDouble | undefined
afterEach(async () => {
  await kratos?.close()
  kratos = undefined
})

/** `aegis probe` against the double, with an identity it creates and deletes (--create-identity). */
const creating = (k: KratosDouble): string[] => [
  'probe',
  '--public-url',
  k.publicUrl,
  '--admin-url',
  k.adminUrl,
  '--create-identity',
]

/** `aegis probe` against port 9, which answers nothing: usage errors come before any request. */
const nowhere = (...args: string[]) =>
  runAegis(['probe', '--public-url', 'http://127.0.0.1:9/', ...args])

describe('aegis probe', () => {
  it('proves weaknesses of a running target, exit 1, JSON with evidence and no secret', async () => {
    kratos = await startKratosDouble({
      weaknesses: { corsReflectAnyOrigin: true, cookieNotHttpOnly: true },
    })
    const r = await runAegis([...creating(kratos), '--format', 'json'], { timeoutMs: 60_000 })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout) as {
      findings: { ruleId: string; evidence: unknown[] }[]
      units: unknown[]
    }
    const ids = json.findings.map((f) => f.ruleId)
    expect(ids).toContain('cors-credentials-origin')
    expect(ids).toContain('session-cookie-attributes')
    expect(json.findings.every((f) => f.evidence.length > 0)).toBe(true)
    expect(r.stdout).not.toMatch(/ory_st_[A-Za-z0-9]{32}/)
    for (const s of kratos.sessions()) expect(r.stdout).not.toContain(s.token)
    expect(kratos.identities()).toHaveLength(0)
  }, 90_000)

  it('needs --public-url, and says so in one line', async () => {
    const r = await runAegis(['probe'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^aegis: --public-url is required \(AEGIS_USAGE\)\n/)
  })

  it('refuses a malformed --identity as a usage error, before any request, without echoing it', async () => {
    const r = await nowhere('--identity', 'bogus')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^aegis: --identity takes IDENTIFIER:PASSWORD .*\(AEGIS_USAGE\)\n/)
    expect(r.stderr).not.toContain('bogus')
  })

  it('refuses stray arguments instead of ignoring them, naming the argument', async () => {
    const r = await nowhere('--only', 'csrf-cookie-attributes', 'session-lifetime-profile')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      "aegis: unexpected argument 'session-lifetime-profile' after --only (AEGIS_USAGE)",
    )
    expect(r.stderr).toContain('--only a,b or --only a --only b')
    const junk = await runAegis(['probe', 'extra', '--public-url', 'http://127.0.0.1:9/'])
    expect(junk.code).toBe(2)
    expect(junk.stderr).toContain("unexpected argument 'extra' (AEGIS_USAGE)")
    // The rest of a password with a space is not echoed.
    const pw = await nowhere('--identity', 'ada@example.test:first', 'SECONDHALF')
    expect(pw.code).toBe(2)
    expect(pw.stderr).toContain('unexpected argument after --identity')
    expect(pw.stderr).not.toContain('SECONDHALF')
    expect(pw.stderr).not.toContain('first')
  })

  it('selects several checks with --only a,b and with a repeated --only', async () => {
    kratos = await startKratosDouble()
    const ids = (out: string): string[] =>
      (JSON.parse(out) as { units: { id: string }[] }).units.map((u) => u.id).sort()
    const base = ['probe', '--public-url', kratos.publicUrl, '--format', 'json']
    const comma = await runAegis([
      ...base,
      '--only',
      'cors-credentials-origin,admin-api-not-public',
    ])
    expect(comma.stderr).toBe('')
    expect(ids(comma.stdout)).toEqual(['admin-api-not-public', 'cors-credentials-origin'])
    const repeated = await runAegis([
      ...base,
      '--only',
      'cors-credentials-origin',
      '--only',
      'admin-api-not-public',
    ])
    expect(ids(repeated.stdout)).toEqual(['admin-api-not-public', 'cors-credentials-origin'])
  }, 30_000)

  it("runs against aegis.config's profile when --profile is not given; the flag wins", async () => {
    kratos = await startKratosDouble()
    const cwd = await mkdtemp(join(tmpdir(), 'aegis-probe-config-'))
    await writeFile(join(cwd, 'aegis.config.yaml'), 'profile: pci-dss-4\n')
    const base = ['probe', '--public-url', kratos.publicUrl, '--only', 'admin-api-not-public']
    const profile = (out: string): string => (JSON.parse(out) as { profile: string }).profile
    const fromFile = await runAegis([...base, '--format', 'json'], { cwd })
    expect(fromFile.stderr).toBe('')
    expect(profile(fromFile.stdout)).toBe('pci-dss-4')
    const flag = await runAegis([...base, '--format', 'json', '--profile', 'nist-aal2'], { cwd })
    expect(profile(flag.stdout)).toBe('nist-aal2')
  }, 30_000)

  it('exits 2 before any check when --identity cannot log in, naming the flag, no password', async () => {
    kratos = await startKratosDouble()
    await kratos.createIdentity({ email: 'ada@example.test', password: 'right-password-1234' })
    const r = await runAegis([
      'probe',
      '--public-url',
      kratos.publicUrl,
      '--identity',
      'ada@example.test:wrong-CANARY-pw',
    ])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(
      /^aegis: the test identity given with --identity could not log in \(.*\) \(AEGIS_IDENTITY_LOGIN_FAILED\)\nhint: .*--identity/,
    )
    expect(r.stderr).not.toContain('CANARY')
    expect(kratos.sessions()).toEqual([])
  }, 30_000)

  it('exits 2 when checks end in error (budget used up), after writing the report; --allow-errors lets findings decide', async () => {
    kratos = await startKratosDouble()
    const args = [...creating(kratos), '--budget', '6', '--format', 'json']
    const r = await runAegis(args, { timeoutMs: 60_000 })
    expect(r.code).toBe(2)
    const units = (JSON.parse(r.stdout) as { units: { outcome: string }[] }).units
    const errored = units.filter((u) => u.outcome === 'error').length
    expect(errored).toBeGreaterThan(0)
    expect(r.stderr).toMatch(
      new RegExp(
        `^aegis: ${errored} checks ended in error \\(.*\\): the report is incomplete \\(AEGIS_CHECKS_ERRORED\\)\\n`,
      ),
    )
    expect(kratos.identities()).toHaveLength(0)
    const allowed = await runAegis([...args, '--allow-errors', '--fail-on', 'none'], {
      timeoutMs: 60_000,
    })
    expect(allowed.code).toBe(0)
    expect(allowed.stderr).toBe('')
  }, 90_000)

  it('exits 2 with AEGIS_BROWSER_UNAVAILABLE when --browser finds no Chromium', async () => {
    kratos = await startKratosDouble()
    const r = await runAegis(
      [...creating(kratos), '--browser', '--only', 'browser-session-cookie-hidden'],
      { env: { AEGIS_CHROMIUM: '/nonexistent/chromium' }, timeoutMs: 30_000 },
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'aegis: no Chromium at /nonexistent/chromium (AEGIS_BROWSER_UNAVAILABLE)',
    )
    expect(kratos.identities()).toHaveLength(0)
  }, 40_000)

  it('reports an unreachable target as a tool error', async () => {
    const r = await runAegis(['probe', '--public-url', 'http://127.0.0.1:9/'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('(AEGIS_TARGET_UNREACHABLE)')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('leaves no identity or session behind when interrupted with SIGINT', async () => {
    kratos = await startKratosDouble({ latencyMs: 150 })
    const child = spawn(
      process.execPath,
      [`${repoRoot}packages/aegis/bin/aegis.js`, ...creating(kratos)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
      },
    )
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.stdout.resume()
    // Wait until the probe has made its identity, then interrupt it mid-run.
    const deadline = Date.now() + 20_000
    while (kratos.identities().length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    expect(kratos.identities()).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 700))
    child.kill('SIGINT')
    await new Promise((r) => child.on('close', r))
    expect(stderr).toContain('interrupted, cleaning up')
    expect(kratos.identities()).toHaveLength(0)
    expect(kratos.sessions()).toEqual([])
  }, 60_000)
})
