import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadDeployment, viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './dev-mode-enabled.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('dev-mode-enabled', () => {
  it('reports dev: true with what it turns off and a fix', () => {
    const [f] = run({ dev: true })
    expect(f).toMatchObject({ key: 'dev', severity: 'high', origin: 'file' })
    expect(f?.message).toContain('dev: true')
    expect(f?.message).toContain('lose Secure')
    expect(f?.fix?.edits[0]).toEqual({ op: 'remove', key: 'dev' })
  })

  it('names the --dev flag', () => {
    const [f] = run({}, { dev: true })
    expect(f?.message).toContain('the --dev flag')
    expect(f?.fix).toBeNull()
  })

  it('names DEV=true from the environment', () => {
    const [f] = run({}, { env: { DEV: 'true' } })
    expect(f?.origin).toBe('env')
    expect(f?.message).toContain('DEV=true')
  })

  it('names kratos.development in Helm values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-dev-'))
    writeFileSync(
      join(dir, 'values.yaml'),
      'kratos:\n  development: true\n  config:\n    dsn: memory\n',
    )
    const { view } = await loadDeployment(['values.yaml'], { cwd: dir })
    rmSync(dir, { recursive: true, force: true })
    const [f] = runRules(view, getProfile('baseline'), [rule])
    expect(f).toMatchObject({ origin: 'helm', location: { file: 'values.yaml', line: 2 } })
    expect(f?.message).toContain('kratos.development: true in the Helm values')
  })

  it('is quiet without dev mode', () => {
    expect(run({})).toEqual([])
    expect(run({ dev: false })).toEqual([])
  })
})
