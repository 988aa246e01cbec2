// The GitHub Action, its audit script and the pre-commit hooks, and the examples in docs/ci.md.
import { execFile } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repoRoot } from '../support/cli.ts'

const run = promisify(execFile)
const read = (p: string) => readFile(join(repoRoot, p), 'utf8')

interface Step {
  uses?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
  if?: string
  id?: string
}

const action = async () =>
  parse(await read('action.yml')) as {
    inputs: Record<string, { default?: string }>
    outputs: Record<string, unknown>
    runs: { using: string; steps: Step[] }
  }

const yamlBlocks = (md: string): string[] =>
  [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!)

const roots: string[] = []
afterAll(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))))

/** A working directory for one run, removed after the file's tests. */
const workdir = async (): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), 'aegis-action-'))
  roots.push(root)
  return root
}

/** A stand-in for the CLI at <root>/packages/aegis/bin/aegis.js (AEGIS_ACTION_PATH=root). */
const fakeCli = async (root: string, source: string): Promise<string> => {
  await mkdir(join(root, 'packages/aegis/bin'), { recursive: true })
  const fake = join(root, 'packages/aegis/bin/aegis.js')
  await writeFile(fake, source)
  return fake
}

/** scripts/action-audit.sh run in `root` with the CLI of `actionPath`; returns GITHUB_OUTPUT too. */
const runAudit = async (root: string, actionPath: string, env: Record<string, string> = {}) => {
  const ran = await run('bash', [join(repoRoot, 'scripts/action-audit.sh')], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      AEGIS_ACTION_PATH: actionPath,
      GITHUB_OUTPUT: join(root, 'output'),
      ...env,
    },
  })
  return { ...ran, output: await readFile(join(root, 'output'), 'utf8') }
}

describe('action.yml', () => {
  it('is a composite action that audits and uploads SARIF with codeql-action', async () => {
    const a = await action()
    expect(a.runs.using).toBe('composite')
    const upload = a.runs.steps.find((s) =>
      s.uses?.startsWith('github/codeql-action/upload-sarif@'),
    )
    expect(upload?.with?.['sarif_file']).toContain('inputs.sarif-file')
    // Only a completed audit (0 clean, 1 findings) has a SARIF file to upload.
    expect(upload?.if).toContain("steps.audit.outputs.exit-code == '0'")
    expect(upload?.if).toContain("steps.audit.outputs.exit-code == '1'")
    // Empty: aegis then takes failOn from aegis.config.* (else high) instead of an override.
    expect(a.inputs['fail-on']?.default).toBe('')
  })

  it('never splices an input into a shell script (script injection)', async () => {
    for (const step of (await action()).runs.steps) {
      expect(step.run ?? '').not.toMatch(/\$\{\{\s*inputs\./)
    }
  })

  it('runs the audit script with the inputs it is given and records the exit code', async () => {
    // A stand-in for the CLI that logs its arguments and exits with a chosen code.
    const root = await workdir()
    const fake = await fakeCli(
      root,
      `require('fs').appendFileSync(process.env.ARGS_LOG, JSON.stringify(process.argv.slice(2)) + '\\n'); process.exit(Number(process.env.FAKE_CODE))\n`,
    )
    await chmod(fake, 0o755)
    // Node 20 reads a `--env-file` anywhere on its command line, even after the script.
    await writeFile(join(root, '.env'), '')
    const argsLog = join(root, 'args')
    const ran = await runAudit(root, root, {
      AEGIS_INPUTS: 'deploy/kratos.yml\ndeploy/compose.yml *.yaml',
      AEGIS_PROFILE: 'asvs-l2',
      AEGIS_ENV_FILES: '.env',
      AEGIS_FAIL_ON: 'medium',
      AEGIS_INLINE: 'false',
      AEGIS_SARIF: 'out.sarif',
      GITHUB_STEP_SUMMARY: join(root, 'summary'),
      ARGS_LOG: argsLog,
      FAKE_CODE: '1',
    })
    expect(ran.stderr).toBe('')
    const calls = (await readFile(argsLog, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[])
    expect(calls[0]).toEqual([
      'audit',
      '--profile',
      'asvs-l2',
      '--env-file',
      '.env',
      '--no-inline-suppressions',
      '--fail-on',
      'medium',
      '--format',
      'sarif',
      '--output',
      'out.sarif',
      'deploy/kratos.yml',
      'deploy/compose.yml',
      '*.yaml',
    ])
    expect(calls[1]).toContain('markdown')
    expect(ran.output).toBe('exit-code=1\nsarif-file=out.sarif\n')
  })

  it('gives a missing --env-file to aegis (not to Node 20) and records a tool error as 2', async () => {
    const ran = await runAudit(await workdir(), repoRoot, {
      AEGIS_INPUTS: join(repoRoot, 'examples/insecure/docker-compose.yml'),
      AEGIS_ENV_FILES: 'deploy/missing.env',
    })
    // aegis' own one-line error, not Node's "node: deploy/missing.env: not found" (exit 9).
    expect(ran.stderr).toMatch(/^aegis: .*missing\.env/m)
    expect(ran.stderr).not.toMatch(/^node:/m)
    expect(ran.output).toMatch(/^exit-code=2$/m)
  })

  it('leaves --fail-on to aegis.config.* when the fail-on input is empty', async () => {
    const root = await workdir()
    await writeFile(join(root, 'aegis.config.yaml'), 'failOn: critical\ninputs: [kratos.yml]\n')
    await writeFile(join(root, 'kratos.yml'), 'dsn: memory\nsession:\n  lifespan: 720h\n')
    const ran = await runAudit(root, repoRoot)
    // High findings but nothing critical: exit 0 only if the config's failOn: critical applied.
    const sarif = JSON.parse(await readFile(join(root, 'kratos-aegis.sarif'), 'utf8')) as {
      runs: { results: { level: string }[] }[]
    }
    expect(sarif.runs[0]!.results.some((r) => r.level === 'error')).toBe(true)
    expect(ran.output).toMatch(/^exit-code=0$/m)
  })

  it('maps exit codes other than 0 and 1 (Node, npx) to the tool-error code 2', async () => {
    const root = await workdir()
    await fakeCli(root, 'process.exit(9)\n')
    expect((await runAudit(root, root)).output).toMatch(/^exit-code=2$/m)
  })
})

describe('.pre-commit-hooks.yaml', () => {
  it('defines the two audit hooks with an aegis audit entry', async () => {
    const hooks = parse(await read('.pre-commit-hooks.yaml')) as {
      id: string
      entry: string
      language: string
      files: string
    }[]
    expect(hooks.map((h) => h.id)).toEqual(['kratos-aegis-audit', 'kratos-aegis-audit-local'])
    for (const h of hooks) {
      expect(h.entry).toMatch(/aegis audit/)
      // npx is a Node script: without `--`, Node 20 takes a hook's `--env-file` for itself.
      if (h.entry.startsWith('npx')) expect(h.entry).toMatch(/ -- aegis /)
      const files = new RegExp(h.files)
      expect(files.test('deploy/kratos/kratos.yml')).toBe(true)
      expect(files.test('identity.schema.json')).toBe(true)
      expect(files.test('src/app.ts')).toBe(false)
    }
  })
})

describe('docs/ci.md examples', () => {
  it('parse, use only inputs the action has, and name existing hooks', async () => {
    const a = await action()
    const hookIds = (parse(await read('.pre-commit-hooks.yaml')) as { id: string }[]).map(
      (h) => h.id,
    )
    const blocks = yamlBlocks(await read('docs/ci.md'))
    expect(blocks.length).toBeGreaterThanOrEqual(6)
    let actionUses = 0
    let hookUses = 0
    for (const block of blocks) {
      const doc = parse(block) as Record<string, unknown>
      const jobs = Object.values((doc['jobs'] ?? {}) as Record<string, { steps: Step[] }>)
      for (const step of jobs.flatMap((j) => j.steps)) {
        if (!step.uses?.startsWith('kratos-aegis/kratos-aegis@')) continue
        actionUses++
        for (const key of Object.keys(step.with ?? {})) expect(Object.keys(a.inputs)).toContain(key)
      }
      const repos = (doc['repos'] ?? []) as { hooks: { id: string }[] }[]
      for (const hook of repos.flatMap((r) => r.hooks)) {
        hookUses++
        expect(hookIds).toContain(hook.id)
      }
    }
    expect(actionUses).toBe(3)
    expect(hookUses).toBe(2)
  })
})
