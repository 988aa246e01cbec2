// QA L7, N1, N6, N19: argument handling is the same in every command, run as a user would.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAegis } from '../../../../test/support/cli.ts'

describe('aegis argument handling', () => {
  it('config <sub> --help prints that subcommand with its flags (L7)', async () => {
    for (const [sub, flags] of [
      ['show', ['--defaults', '--format text|json']],
      ['validate', ['--kratos-version', '--format text|json']],
      ['print', ['--format text|json', '--json is an alias']],
    ] as const) {
      const r = await runAegis(['config', sub, '--help'])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(`Usage: aegis config ${sub} `)
      for (const f of flags) expect(r.stdout).toContain(f)
      expect(r.stdout).not.toContain('Subcommands:')
    }
    const parent = await runAegis(['config', '--help'])
    expect(parent.code).toBe(0)
    expect(parent.stdout).toContain('Subcommands:')
  })

  it('an unknown flag is one line of ours with a did-you-mean, exit 2 (N1)', async () => {
    const r = await runAegis(['audit', 'x.yml', '--profil', 'baseline'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^aegis: unknown option '--profil'; did you mean '--profile'\? \(AEGIS_USAGE\)\n/,
    )
    expect(r.stderr).not.toContain('positional argument')
    const far = await runAegis(['profiles', '--zzzzzz'])
    expect(far.code).toBe(2)
    expect(far.stderr).toMatch(/^aegis: unknown option '--zzzzzz' \(AEGIS_USAGE\)\n/)
    const missing = await runAegis(['profiles', '--format'])
    expect(missing.stderr).toMatch(/^aegis: --format needs a value \(AEGIS_USAGE\)\n/)
  })

  it('config print takes --format json like show and validate; --json stays an alias (N6)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aegis-n6-'))
    await writeFile(join(dir, 'aegis.config.yaml'), 'format: sarif\n')
    const viaFormat = await runAegis(['config', 'print', '--format', 'json'], { cwd: dir })
    expect(viaFormat.code).toBe(0)
    const json = JSON.parse(viaFormat.stdout) as { format: { value: string; source: string } }
    // --format is the output of config print, not the report format it shows.
    expect(json.format).toEqual({ value: 'sarif', source: 'file' })
    const viaAlias = await runAegis(['config', 'print', '--json'], { cwd: dir })
    expect(viaAlias.stdout).toBe(viaFormat.stdout)
    const text = await runAegis(['config', 'print'], { cwd: dir })
    expect(text.stdout).toMatch(/^# project configuration/)
    for (const args of [
      ['config', 'print', '--format', 'sarif'],
      ['config', 'show', 'x.yml', '--format', 'xml'],
      ['profiles', '--format', 'xml'],
      // cookie inspect printed text for any --format but json.
      ['cookie', 'inspect', 'x', '--secrets', 'y', '--format', 'sarif'],
    ]) {
      const bad = await runAegis(args, { cwd: dir })
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(
        /^aegis: --format must be one of text, json \(got "\w+"\) \(AEGIS_USAGE\)\n/,
      )
    }
  })

  it('profiles ID shows that profile; extra arguments and unknown flags are refused (N19)', async () => {
    const one = await runAegis(['profiles', 'nist-aal3'])
    expect(one.code).toBe(0)
    expect(one.stdout).toMatch(/^nist-aal3 /)
    expect(one.stdout).not.toContain('pci-dss-4')
    const json = await runAegis(['profiles', 'pci-dss-4', '--format', 'json'])
    expect((JSON.parse(json.stdout) as { id: string }).id).toBe('pci-dss-4')
    const unknown = await runAegis(['profiles', 'nist-aal9'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("unknown profile 'nist-aal9' (AEGIS_PROFILE_UNKNOWN)")
    const two = await runAegis(['profiles', 'baseline', 'nist-aal3'])
    expect(two.code).toBe(2)
    expect(two.stderr).toContain("unexpected argument 'nist-aal3' (AEGIS_USAGE)")
    const version = await runAegis(['version', '--json'])
    expect(version.code).toBe(2)
    expect(version.stderr).toContain("unknown option '--json'")
    const versionArg = await runAegis(['version', 'now'])
    expect(versionArg.code).toBe(2)
    expect(versionArg.stderr).toContain("unexpected argument 'now' (AEGIS_USAGE)")
    expect((await runAegis(['version'])).code).toBe(0)
    // rotate spells a bad choice as every other command does.
    const purpose = await runAegis(['rotate', 'x.yml', '--purpose', 'nope'])
    expect(purpose.stderr).toMatch(
      /^aegis: --purpose must be one of cookie, default, cipher, pagination \(got "nope"\) \(AEGIS_USAGE\)\n/,
    )
  })
})
