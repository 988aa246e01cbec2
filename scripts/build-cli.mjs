// Bundles the `aegis` CLI after `tsc -b`: dist/cli/main.js and everything it imports (yaml and
// smol-toml included, playwright-core left to node_modules) into packages/aegis/dist/cli-bundle/,
// one entry plus a chunk per lazily loaded command. Node then reads about 15 files for
// `aegis audit` instead of about 240 modules, most of its start-up (docs/benchmarks.md, issue #3).
// bin/aegis.js runs dist/cli/main.js instead when the bundle is missing or older than the last
// tsc emit, so `tsc -b` alone never runs stale code. The library (`exports`) stays unbundled.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = `${root}packages/aegis/dist/`
/** Where bin/aegis.js looks; tests build elsewhere (`node scripts/build-cli.mjs <dir>`). */
export const defaultOutdir = `${dist}cli-bundle/`

/**
 * Modules resolve files next to them from import.meta.url (`../package.json` in version.ts, the
 * config schema in project-config.ts): inside a chunk it must still name the file tsc emitted.
 */
const keepModuleUrl = (outdir) => ({
  name: 'keep-module-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist)) return undefined
      const text = readFileSync(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      const own = relative(outdir, args.path).split(sep).join('/')
      return {
        contents: text.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(own)}, import.meta.url).href`,
        ),
        loader: 'js',
        resolveDir: dirname(args.path),
      }
    })
  },
})

/** Files of earlier builds stay this long: an aegis started before may still import a chunk. */
const keepOldMs = 60 * 60 * 1000

/**
 * Engineers and test runs build in one checkout at once, while others run `aegis`: every file is
 * written to a temporary name and renamed, chunks first and the entry last, so a reader sees the
 * old bundle or the new one, never a mix (chunk names are content hashes).
 */
const install = (files, outdir) => {
  mkdirSync(outdir, { recursive: true })
  const entry = `${outdir}aegis.js`
  const put = (file) => {
    const tmp = `${file.path}.${process.pid}.tmp`
    writeFileSync(tmp, file.contents)
    renameSync(tmp, file.path)
  }
  for (const file of files) if (file.path !== entry) put(file)
  for (const file of files) if (file.path === entry) put(file)
  const current = new Set(files.map((f) => f.path))
  for (const name of readdirSync(outdir)) {
    const path = `${outdir}${name}`
    if (current.has(path)) continue
    const stat = statSync(path, { throwIfNoEntry: false })
    if (stat !== undefined && stat.mtimeMs < Date.now() - keepOldMs) rmSync(path, { force: true })
  }
}

export const buildCli = async (outdir = defaultOutdir) => {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: { aegis: `${dist}cli/main.js` },
    outdir,
    write: false,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    chunkNames: '[name]-[hash]',
    external: ['playwright-core'],
    // yaml is CommonJS and requires Node built-ins; an ES module has no `require` of its own.
    banner: {
      js: "import { createRequire as __aegisRequire } from 'node:module'; const require = __aegisRequire(import.meta.url);",
    },
    // Maps to the TypeScript sources through dist's own maps (AEGIS_DEBUG=1 enables them).
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [keepModuleUrl(outdir)],
    logLevel: 'warning',
  })
  install(result.outputFiles, outdir)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2]
  await buildCli(dir === undefined ? defaultOutdir : `${resolve(dir)}${sep}`)
}
