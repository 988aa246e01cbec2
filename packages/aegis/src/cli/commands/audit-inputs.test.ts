/** What `aegis audit` does with inputs that are not a deployment to audit (QA M4, L12). */
import { mkdtempSync, writeFileSync } from 'node:fs'
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
