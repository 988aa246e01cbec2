import { spawn } from 'node:child_process'
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

describe('aegis probe', () => {
  it('proves weaknesses of a running target, exit 1, JSON with evidence and no secret', async () => {
    kratos = await startKratosDouble({
      weaknesses: { corsReflectAnyOrigin: true, cookieNotHttpOnly: true },
    })
    const r = await runAegis(
      [
        'probe',
        '--public-url',
        kratos.publicUrl,
        '--admin-url',
        kratos.adminUrl,
        '--create-identity',
        '--format',
        'json',
      ],
      { timeoutMs: 60_000 },
    )
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
      [
        `${repoRoot}packages/aegis/bin/aegis.js`,
        'probe',
        '--public-url',
        kratos.publicUrl,
        '--admin-url',
        kratos.adminUrl,
        '--create-identity',
      ],
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
