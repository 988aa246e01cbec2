// The bundled CLI (scripts/build-cli.mjs) must answer exactly as dist/cli/main.js does, and
// bin/aegis.js must run it only while it is newer than tsc's output.
import { execFile } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
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

const node = (args: readonly string[], cwd = repoRoot): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [...args],
      { cwd, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })
      },
    )
  })

/** Timings differ between two runs; nothing else may. */
const stable = (json: string): unknown =>
  JSON.parse(json, (key, value: unknown) => (key === 'durationMs' ? 0 : value))

describe('bundled CLI', () => {
  let dir = ''
  const unbundled = `${repoRoot}packages/aegis/dist/cli/main.js`
  let bundled = ''

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aegis-bundle-'))
    // The entry's name must end in aegis.js: main.ts runs only as the program.
    bundled = join(dir, 'aegis.js')
    const built = await node([`${repoRoot}scripts/build-cli.mjs`, dir])
    expect(built.stderr).toBe('')
    expect(built.code).toBe(0)
  }, 60_000)
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('reports an audit exactly as the unbundled CLI does', async () => {
    const args = ['audit', 'examples/insecure/docker-compose.yml', '--format', 'json']
    const [a, b] = await Promise.all([node([bundled, ...args]), node([unbundled, ...args])])
    expect(a.code).toBe(1)
    expect(b.code).toBe(1)
    expect(stable(a.stdout)).toEqual(stable(b.stdout))
    expect(a.stderr).toBe(b.stderr)
  })

  it('reads its version from the package and its config schema from schema/', async () => {
    const pkg = JSON.parse(readFileSync(`${repoRoot}packages/aegis/package.json`, 'utf8')) as {
      version: string
    }
    expect((await node([bundled, 'version'])).stdout).toBe(`kratos-aegis ${pkg.version}\n`)
    const project = mkdtempSync(join(tmpdir(), 'aegis-bundle-config-'))
    try {
      writeFileSync(join(project, 'aegis.config.json'), '{ "profile": "baseline", "nope": 1 }\n')
      cpSync(`${repoRoot}examples/insecure`, join(project, 'insecure'), { recursive: true })
      const args = ['audit', 'insecure/docker-compose.yml', '--format', 'json']
      const [a, b] = await Promise.all([
        node([bundled, ...args], project),
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

describe('bin/aegis.js', () => {
  // A package laid out like kratos-aegis, with stand-ins that say which one ran.
  let pkg = ''
  beforeAll(() => {
    pkg = mkdtempSync(join(tmpdir(), 'aegis-bin-'))
    mkdirSync(join(pkg, 'bin'))
    mkdirSync(join(pkg, 'dist/cli-bundle'), { recursive: true })
    mkdirSync(join(pkg, 'dist/cli'), { recursive: true })
    writeFileSync(join(pkg, 'package.json'), '{ "type": "module" }\n')
    cpSync(`${repoRoot}packages/aegis/bin/aegis.js`, join(pkg, 'bin/aegis.js'))
    writeFileSync(join(pkg, 'dist/cli-bundle/aegis.js'), "console.log('bundle')\n")
    writeFileSync(join(pkg, 'dist/cli/main.js'), "console.log('dist')\n")
    writeFileSync(join(pkg, 'dist/.tsbuildinfo'), '{}\n')
  })
  afterAll(() => {
    rmSync(pkg, { recursive: true, force: true })
  })

  const at = (file: string, seconds: number): void => {
    utimesSync(join(pkg, file), seconds, seconds)
  }
  const which = async (): Promise<string> => (await node([join(pkg, 'bin/aegis.js')])).stdout.trim()

  it('runs the bundle when it was built after the last tsc emit', async () => {
    at('dist/.tsbuildinfo', 1_000_000)
    at('dist/cli-bundle/aegis.js', 1_000_100)
    expect(await which()).toBe('bundle')
  })

  it('runs dist/cli/main.js when tsc emitted after the bundle', async () => {
    at('dist/.tsbuildinfo', 1_000_200)
    at('dist/cli-bundle/aegis.js', 1_000_100)
    expect(await which()).toBe('dist')
  })

  it('runs dist/cli/main.js when there is no bundle', async () => {
    rmSync(join(pkg, 'dist/cli-bundle/aegis.js'))
    expect(await which()).toBe('dist')
  })
})
