/**
 * How bin/aegis.js starts the command line quickly (issue #3). scripts/build-cli.mjs bundles
 * run.ts and everything it imports into dist/cli-bundle/aegis.cjs; it is compiled here through
 * node:vm with a V8 code cache kept per user and command, so a start neither resolves ~240
 * modules nor parses and compiles 0.9 MB of JavaScript again. dist/cli/run.js runs instead when
 * the bundle is missing or older than tsc's last emit (`tsc -b` alone while developing), so a
 * stale bundle never answers. AEGIS_COMPILE_CACHE=0 turns the cache off.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Script } from 'node:vm'
import { bundleDir, bundleName } from './bundle-file.ts'
import { commands } from './commands/index.ts'

interface Entry {
  runProcess(): Promise<void>
}

type Env = Readonly<Record<string, string | undefined>>

/** The bundle and its file status, when it is newer than tsc's last emit into `dist`. */
export const freshBundle = (dist: string): { file: string; stat: Stats } | undefined => {
  const file = join(dist, bundleDir, bundleName)
  const stat = statSync(file, { throwIfNoEntry: false })
  const tsc = statSync(join(dist, '.tsbuildinfo'), { throwIfNoEntry: false })
  return stat !== undefined && stat.mtimeMs >= (tsc?.mtimeMs ?? 0) ? { file, stat } : undefined
}

/**
 * The user's own cache directory (XDG), never a shared temporary one: cached code runs as the
 * user, so nobody else may be able to write it.
 */
export const cacheDir = (env: Env): string | undefined => {
  if (env['AEGIS_COMPILE_CACHE'] === '0') return undefined
  const xdg = env['XDG_CACHE_HOME']
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, 'kratos-aegis')
  try {
    return join(homedir(), '.cache', 'kratos-aegis')
  } catch {
    return undefined
  }
}

/** FNV-1a, enough to keep two installations (or Node versions) apart in one cache directory. */
const fnv = (text: string): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h.toString(36)
}

/**
 * One cache per installation, bundle build and command. V8 checks a cache against the source's
 * length only, so the name carries the bundle's identity (size, times, inode): a rebuilt bundle
 * never runs code compiled from the old one. Per command, because the cache holds the functions
 * that ran: `aegis version` would otherwise leave `aegis audit` compiling everything again.
 */
export const cacheName = (file: string, stat: Stats, argv: readonly string[]): string => {
  const first = argv[0]
  const command = first !== undefined && Object.hasOwn(commands, first) ? first : 'other'
  const build = `${stat.size}.${Math.trunc(stat.mtimeMs)}.${Math.trunc(stat.ctimeMs)}.${stat.ino}`
  return `${fnv(`${file}\0${process.version}\0${process.arch}`)}-${build}-${command}.v8`
}

const read = (file: string): Buffer | undefined => {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/** Best effort: a cache that cannot be written only costs the next start its speed. */
const store = (dir: string, name: string, data: Buffer): void => {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const tmp = join(dir, `${name}.${process.pid}.tmp`)
    writeFileSync(tmp, data, { mode: 0o600 })
    renameSync(tmp, join(dir, name))
    // Caches of this installation's earlier builds are never read again.
    const [installation, build] = name.split('-')
    for (const old of readdirSync(dir)) {
      if (old.startsWith(`${installation}-`) && !old.startsWith(`${installation}-${build}-`)) {
        rmSync(join(dir, old), { force: true })
      }
    }
  } catch {
    // Read-only or missing home directory: run without a cache.
  }
}

const runBundle = async (file: string, stat: Stats, env: Env): Promise<void> => {
  const require = createRequire(file)
  // Stack traces (AEGIS_DEBUG=1) go through Node's loader, which applies the source map.
  if (env['AEGIS_DEBUG'] === '1') {
    process.setSourceMapsEnabled(true)
    return (require(file) as Entry).runProcess()
  }
  const dir = cacheDir(env)
  const name = cacheName(file, stat, process.argv.slice(2))
  const cached = dir === undefined ? undefined : read(join(dir, name))
  const source = readFileSync(file, 'utf8')
  // The CommonJS wrapper on the first line keeps line numbers as they are in the file.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: file, ...(cached === undefined ? {} : { cachedData: cached }) },
  )
  const module = { exports: {} as Entry }
  ;(script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    require,
    module,
    file,
    join(file, '..'),
  )
  await module.exports.runProcess()
  if (dir !== undefined && (cached === undefined || script.cachedDataRejected === true)) {
    // After the run, so the cache also holds the functions this command compiled lazily.
    store(dir, name, script.createCachedData())
  }
}

/**
 * Answered by run.ts, commands/index.ts and version.ts alone: a handful of small modules start
 * faster than reading and deserializing the whole bundle.
 */
const light = new Set(['version', '--version', '-v', 'help', '--help', '-h'])

/** Runs the command line from `dist` (packages/aegis/dist/), bundled when the bundle is fresh. */
export const launch = async (dist: string, env: Env = process.env): Promise<void> => {
  const args = process.argv.slice(2)
  const bundle = args.length === 1 && light.has(args[0] ?? '') ? undefined : freshBundle(dist)
  if (bundle !== undefined) return runBundle(bundle.file, bundle.stat, env)
  if (env['AEGIS_DEBUG'] === '1') process.setSourceMapsEnabled(true)
  const run = (await import(pathToFileURL(join(dist, 'cli', 'run.js')).href)) as Entry
  return run.runProcess()
}
