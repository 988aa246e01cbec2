import { describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { repoRoot, runAegis } from '../../../../test/support/cli.ts'

describe('aegis CLI', () => {
  it('lists its commands with --help and exits 0', async () => {
    const r = await runAegis(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Usage: aegis <command>/)
    expect(r.stdout).toMatch(/\bversion\b/)
  })

  it('rejects an unknown command with one line and exit code 2', async () => {
    const r = await runAegis(['frobnicate'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("unknown command 'frobnicate' (AEGIS_USAGE)")
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('masks secret shapes in any error it prints, e.g. a DSN given as an input path', async () => {
    const r = await runAegis(['audit', 'postgres://kratos:dsn-password-1@db:5432/kratos'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('postgres://kratos:[redacted]@db:5432/kratos')
    expect(r.stderr).not.toContain('dsn-password-1')
  })

  it('prints its version', async () => {
    const r = await runAegis(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^kratos-aegis \d+\.\d+\.\d+\n$/)
  })

  it('keeps --env-file for itself when run as an executable (Node 20 would take it)', async () => {
    const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        `${repoRoot}packages/aegis/bin/aegis.js`,
        ['audit', 'examples/insecure/docker-compose.yml', '--env-file', 'no-such.env'],
        { cwd: repoRoot },
        (error, _stdout, stderr) => {
          resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr })
        },
      )
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('(AEGIS_FILE_NOT_FOUND)')
  })
})
