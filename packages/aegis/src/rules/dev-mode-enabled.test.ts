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

  it('does not mention secure keys under Kratos v1.3, which has none (QA N2)', () => {
    const [f] = run({ dev: true }, { version: 'v1.3' })
    expect(f?.message).toContain('v1.x has no secure keys')
    expect(f?.message).not.toContain('unless their secure keys are set')
    expect(run({ dev: true })[0]?.message).toContain('unless their secure keys are set')
  })

  it('says where a DEV variable comes from in one phrase (QA N2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-dev-'))
    writeFileSync(join(dir, 'kratos.yml'), 'log:\n  level: info\n')
    writeFileSync(join(dir, '.env'), 'DEV=true\n')
    try {
      const fromProcess = await loadDeployment(['kratos.yml'], { cwd: dir, env: { DEV: 'true' } })
      const [p] = runRules(fromProcess.view, getProfile('baseline'), [rule])
      expect(p?.message).toContain('Dev mode is on (DEV=true from the process environment)')
      const fromFile = await loadDeployment(['kratos.yml'], { cwd: dir, envFiles: ['.env'] })
      const [e] = runRules(fromFile.view, getProfile('baseline'), [rule])
      expect(e?.message).toContain('Dev mode is on (DEV=true in .env)')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
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
