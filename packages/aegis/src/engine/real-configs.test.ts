/**
 * Every real Kratos configuration under ../shared/kratos/configs gets exactly the findings a
 * Kratos expert agrees with (test/fixtures/expected-findings/<name>.json, reviewed by hand,
 * each with a note on the judgement calls). Compose overlays are audited as Kratos documents
 * them, on top of quickstart.yml and the config its bind mount brings in.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, sharedDir } from '../../../../test/support/cli.ts'
import { loadDeployment } from '../config/index.ts'
import { getProfile } from '../profiles/index.ts'
import { audit } from './audit.ts'

interface Expected {
  readonly config: string
  readonly files: Readonly<Record<string, string>>
  readonly inputs: readonly string[]
  readonly profile: string
  readonly findings: readonly string[]
}

const configsDir = join(sharedDir, 'kratos/configs')
const fixturesDir = join(repoRoot, 'test/fixtures/expected-findings')
const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.json'))
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const layOut = (files: Expected['files']): string => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-real-'))
  dirs.push(dir)
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, to)), { recursive: true })
    copyFileSync(join(configsDir, from), join(dir, to))
  }
  return dir
}

describe('real Kratos configurations', () => {
  it('has a fixture for every shared config', () => {
    const configs = readdirSync(configsDir).map((f) => f.replace(/\.ya?ml$/, '.json'))
    expect(fixtures.sort()).toEqual(configs.sort())
  })

  it.each(fixtures)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as Expected
    const cwd = layOut(expected.files)
    const loaded = await loadDeployment(expected.inputs, { cwd })
    const result = audit(loaded.view, getProfile(expected.profile), expected.inputs)
    const actual = result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.key}`)
    expect(actual).toEqual(expected.findings)
    // The placeholders and DSN passwords these files hold never reach a finding.
    const json = JSON.stringify(result)
    for (const secret of [
      'PLEASE-CHANGE-ME',
      '32-LONG-SECRET',
      'test pagination secret',
      ':secret@',
    ]) {
      expect(json).not.toContain(secret)
    }
  })
})
