import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/cli.ts'

const root = mkdtempSync(join(tmpdir(), 'aegis-scaffold-'))
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})
const rulesDir = join(root, 'packages/aegis/src/rules')
mkdirSync(rulesDir, { recursive: true })
copyFileSync(join(repoRoot, 'packages/aegis/src/rules/index.ts'), join(rulesDir, 'index.ts'))

const scaffold = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'scripts/new-unit.mjs'), ...args, '--root', root], {
    encoding: 'utf8',
  })

describe('npm run new:rule', () => {
  it('creates rule, test and doc, and registers the rule in id order', () => {
    execFileSync(process.execPath, [
      join(repoRoot, 'scripts/new-unit.mjs'),
      'rule',
      'cookie-aaa-example',
      '--concern',
      'cookie-scope',
      '--severity',
      'low',
      '--root',
      root,
    ])
    expect(existsSync(join(rulesDir, 'cookie-aaa-example.ts'))).toBe(true)
    expect(existsSync(join(rulesDir, 'cookie-aaa-example.test.ts'))).toBe(true)
    const doc = readFileSync(join(root, 'docs/rules/cookie-aaa-example.md'), 'utf8')
    expect(doc).toContain('| Concern | `cookie-scope` |')
    expect(doc).toContain('## Insecure example')
    // Each standard has a line to fill: an id, or none with the reason (references.test.ts).
    for (const label of [
      'OWASP ASVS 4.0.3',
      'OWASP ASVS 5.0',
      'NIST',
      'PCI DSS v4.0.1',
      'OWASP WSTG',
    ])
      expect(doc).toContain(`- ${label}: none — TODO`)
    expect(readFileSync(join(rulesDir, 'cookie-aaa-example.ts'), 'utf8')).toMatch(
      /unmapped: \{\n(?: {6}\w+: 'TODO: .*',\n){5} {4}\}/,
    )
    expect(readFileSync(join(rulesDir, 'cookie-aaa-example.ts'), 'utf8')).toContain(
      "severity: 'low'",
    )
    const index = readFileSync(join(rulesDir, 'index.ts'), 'utf8')
    const imports = [...index.matchAll(/from '\.\/([a-z0-9-]+)\.ts'/g)].map((m) => m[1])
    expect(imports).toContain('cookie-aaa-example')
    expect(imports).toEqual([...imports].sort())
    const listed = [...index.matchAll(/^ {2}(\w+),$/gm)].map((m) => m[1])
    expect(listed).toContain('cookieAaaExample')
    expect(listed).toHaveLength(imports.length)
  })

  it('refuses duplicates, bad ids, concerns and kinds (exit 2)', () => {
    expect(scaffold('rule', 'cookie-aaa-example').status).toBe(2)
    expect(scaffold('rule', 'NotKebab').status).toBe(2)
    expect(scaffold('rule', 'x-y', '--concern', 'nope').status).toBe(2)
    const r = scaffold('widget', 'x-y')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('unknown kind')
  })
})
