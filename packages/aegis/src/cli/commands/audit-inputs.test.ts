/** What `aegis audit` does with inputs that are not a deployment to audit (QA M4, L12). */
import { linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAegis } from '../../../../../test/support/cli.ts'

const tmp = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-inputs-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('aegis audit with no Kratos configuration among the inputs', () => {
  it.each([
    ['an empty directory', {}],
    ['a directory of unrelated files', { 'x.yaml': 'a: 1\n', 'readme.txt': 'hi' }],
    [
      'a compose file without a Kratos service',
      { 'compose.yml': 'services:\n  web:\n    image: nginx\n' },
    ],
  ])('is a tool error for %s, whatever --fail-on says', async (_name, files) => {
    const cwd = tmp(files)
    const input = 'compose.yml' in files ? 'compose.yml' : '.'
    const r = await runAegis(['audit', input, '--fail-on', 'critical'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^aegis: .*\(AEGIS_NO_KRATOS_CONFIG\)\n/)
  })
})

describe('aegis audit --output naming one of the inputs (QA L12)', () => {
  const config = 'session:\n  lifespan: 720h\n'

  it.each([
    ['the config itself', ['audit', 'self.yml', '--output', 'self.yml']],
    ['another spelling of it', ['audit', 'self.yml', '--output', './sub/../self.yml']],
    ['a symlink to it', ['audit', 'self.yml', '--output', 'link.yml']],
    ['a hard link to it', ['audit', 'self.yml', '--output', 'hard.yml']],
    ['a file read from an input directory', ['audit', 'sub', '--output', 'sub/kratos.yml']],
  ])('refuses %s, exit 2, nothing overwritten', async (_name, args) => {
    const cwd = tmp({ 'self.yml': config })
    mkdirSync(join(cwd, 'sub'))
    writeFileSync(join(cwd, 'sub', 'kratos.yml'), config)
    symlinkSync(join(cwd, 'self.yml'), join(cwd, 'link.yml'))
    linkSync(join(cwd, 'self.yml'), join(cwd, 'hard.yml'))
    const r = await runAegis([...args, '--format', 'json'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^aegis: --output \S+ is one of the inputs \(.+\) \(AEGIS_USAGE\)\n/)
    expect(readFileSync(join(cwd, 'self.yml'), 'utf8')).toBe(config)
    expect(readFileSync(join(cwd, 'sub', 'kratos.yml'), 'utf8')).toBe(config)
  })

  it('still writes a report next to the input', async () => {
    const cwd = tmp({ 'self.yml': config })
    const r = await runAegis(['audit', 'self.yml', '--output', 'report.json', '--format', 'json'], {
      cwd,
    })
    expect(r.code).toBe(1)
    expect(JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8'))).toMatchObject({
      kind: 'audit',
    })
    expect(readFileSync(join(cwd, 'self.yml'), 'utf8')).toBe(config)
  })
})
