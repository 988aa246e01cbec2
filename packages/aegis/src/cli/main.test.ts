import { describe, expect, it } from 'vitest'
import { runAegis } from '../../../../test/support/cli.ts'

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

  it('prints its version', async () => {
    const r = await runAegis(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^kratos-aegis \d+\.\d+\.\d+\n$/)
  })
})
