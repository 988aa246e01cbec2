// The bundled CLI (scripts/build-cli.mjs, run by launch.ts with a code cache) must answer exactly
// as dist/cli/main.js does, and launch.ts must run it only while it is newer than tsc's output.
import { execFile } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../../../../test/support/cli.ts'

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const launchModule = `${repoRoot}packages/aegis/dist/cli/launch.js`

const node = (args: readonly string[], cwd = repoRoot, env: Record<string, string> = {}) =>
  new Promise<Run>((resolve) => {
    execFile(
      process.execPath,
      [...args],
      { cwd, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })
      },
    )
  })

/** A script that starts the CLI the way bin/aegis.js does, from another dist directory. */
const writeLauncher = (file: string, dist: string): void => {
  writeFileSync(
    file,
    `import { launch } from ${JSON.stringify(launchModule)}\nawait launch(${JSON.stringify(dist)})\n`,
  )
}

/** Timings differ between two runs; nothing else may. */
const stable = (json: string): unknown =>
  JSON.parse(json, (key, value: unknown) => (key === 'durationMs' ? 0 : value))

describe('bundled CLI', () => {
  let dir = ''
  let launcher = ''
  let cache = ''
  const unbundled = `${repoRoot}packages/aegis/dist/cli/main.js`
  const audit = ['audit', 'examples/insecure/docker-compose.yml', '--format', 'json']

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aegis-bundle-'))
    cache = join(dir, 'cache')
    launcher = join(dir, 'aegis.mjs')
    writeLauncher(launcher, join(dir, 'dist'))
    const built = await node([`${repoRoot}scripts/build-cli.mjs`, join(dir, 'dist', 'cli-bundle')])
    expect(built.stderr).toBe('')
    expect(built.code).toBe(0)
  }, 60_000)
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  const cached = (): string[] =>
    readdirSync(join(cache, 'kratos-aegis')).filter((f) => f.endsWith('-audit.v8'))

  it('reports an audit exactly as the unbundled CLI does, with and without its code cache', async () => {
    const env = { XDG_CACHE_HOME: cache }
    const reference = await node([unbundled, ...audit])
    expect(reference.code).toBe(1)
    const first = await node([launcher, ...audit], repoRoot, env)
    expect(cached()).toHaveLength(1)
    const second = await node([launcher, ...audit], repoRoot, env)
    for (const run of [first, second]) {
      expect(run.code).toBe(1)
      expect(stable(run.stdout)).toEqual(stable(reference.stdout))
      expect(run.stderr).toBe(reference.stderr)
    }
  })

  it('runs without the cache it cannot use: damaged, turned off, unwritable, or while debugging', async () => {
    const env = { XDG_CACHE_HOME: cache }
    await node([launcher, ...audit], repoRoot, env)
    const [file] = cached()
    writeFileSync(join(cache, 'kratos-aegis', file ?? 'missing'), 'not a V8 code cache')
    const reference = await node([unbundled, ...audit])
    // A cache directory that cannot be created (a file in its way) must not stop a run.
    const blocked = join(dir, 'not-a-directory')
    writeFileSync(blocked, '')
    for (const extra of [
      {},
      { AEGIS_COMPILE_CACHE: '0' },
      { AEGIS_DEBUG: '1' },
      { XDG_CACHE_HOME: blocked },
    ]) {
      const run = await node([launcher, ...audit], repoRoot, { ...env, ...extra })
      expect(run.code).toBe(1)
      expect(stable(run.stdout)).toEqual(stable(reference.stdout))
    }
    // The damaged cache was rejected and written again.
    expect(readFileSync(join(cache, 'kratos-aegis', file ?? 'missing'), 'utf8')).not.toBe(
      'not a V8 code cache',
    )
  })

  it('reads its version from the package and its config schema from schema/', async () => {
    const pkg = JSON.parse(readFileSync(`${repoRoot}packages/aegis/package.json`, 'utf8')) as {
      version: string
    }
    const report = JSON.parse((await node([launcher, ...audit])).stdout) as {
      tool: { version: string }
    }
    expect(report.tool.version).toBe(pkg.version)
    const project = mkdtempSync(join(tmpdir(), 'aegis-bundle-config-'))
    try {
      writeFileSync(join(project, 'aegis.config.json'), '{ "profile": "baseline", "nope": 1 }\n')
      cpSync(`${repoRoot}examples/insecure`, join(project, 'insecure'), { recursive: true })
      const args = ['audit', 'insecure/docker-compose.yml', '--format', 'json']
      const [a, b] = await Promise.all([
        node([launcher, ...args], project),
        node([unbundled, ...args], project),
      ])
      expect(a.code).toBe(2)
      expect(a.stderr).toMatch(/nope/)
      expect(a).toEqual(b)
    } finally {
      rmSync(project, { recursive: true, force: true })
    }
  })
})

describe('launch', () => {
  // A dist directory with stand-ins that say which one ran.
  let pkg = ''
  let launcher = ''
  const bundle = (): string => join(pkg, 'dist/cli-bundle/aegis.cjs')
  const env = (): Record<string, string> => ({ XDG_CACHE_HOME: join(pkg, 'cache') })

  beforeAll(() => {
    pkg = mkdtempSync(join(tmpdir(), 'aegis-launch-'))
    mkdirSync(join(pkg, 'dist/cli-bundle'), { recursive: true })
    mkdirSync(join(pkg, 'dist/cli'), { recursive: true })
    writeFileSync(join(pkg, 'package.json'), '{ "type": "module" }\n')
    writeFileSync(
      join(pkg, 'dist/cli/run.js'),
      "export const runProcess = async () => console.log('dist')\n",
    )
    writeFileSync(join(pkg, 'dist/.tsbuildinfo'), '{}\n')
    launcher = join(pkg, 'aegis.mjs')
    writeLauncher(launcher, join(pkg, 'dist'))
  })
  afterAll(() => {
    rmSync(pkg, { recursive: true, force: true })
  })

  const at = (file: string, seconds: number): void => {
    utimesSync(join(pkg, file), seconds, seconds)
  }
  const says = (word: string): void => {
    writeFileSync(bundle(), `exports.runProcess = async () => console.log('${word}')\n`)
  }
  const which = async (): Promise<string> =>
    (await node([launcher, 'audit'], pkg, env())).stdout.trim()

  it('runs the bundle when it was built after the last tsc emit', async () => {
    says('bundle')
    at('dist/.tsbuildinfo', 1_000_000)
    at('dist/cli-bundle/aegis.cjs', 1_000_100)
    expect(await which()).toBe('bundle')
  })

  it('answers version and help from dist/cli/run.js, without reading the bundle', async () => {
    says('bundle')
    at('dist/.tsbuildinfo', 1_000_000)
    at('dist/cli-bundle/aegis.cjs', 1_000_100)
    for (const arg of ['version', '--help']) {
      expect((await node([launcher, arg], pkg, env())).stdout.trim()).toBe('dist')
    }
    expect((await node([launcher, 'version', '--help'], pkg, env())).stdout.trim()).toBe('bundle')
  })

  it('never runs code cached from an earlier bundle of the same length', async () => {
    says('bundle')
    at('dist/cli-bundle/aegis.cjs', 1_000_100)
    expect(await which()).toBe('bundle')
    expect(await which()).toBe('bundle')
    says('BUNDLE')
    at('dist/cli-bundle/aegis.cjs', 1_000_150)
    expect(await which()).toBe('BUNDLE')
    // Only the current build's cache is kept.
    expect(readdirSync(join(pkg, 'cache/kratos-aegis'))).toHaveLength(1)
  })

  it('runs dist/cli/run.js when tsc emitted after the bundle', async () => {
    at('dist/.tsbuildinfo', 1_000_200)
    at('dist/cli-bundle/aegis.cjs', 1_000_150)
    expect(await which()).toBe('dist')
  })

  it('runs dist/cli/run.js when there is no bundle', async () => {
    rmSync(bundle())
    expect(await which()).toBe('dist')
  })
})
