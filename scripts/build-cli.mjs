// Bundles the `aegis` CLI after `tsc -b`: dist/cli/run.js and everything it imports (yaml and
// smol-toml included, playwright-core left to node_modules) into one CommonJS file,
// packages/aegis/dist/cli-bundle/aegis.cjs, which src/cli/launch.ts compiles with a V8 code
// cache. Node then neither resolves about 240 modules nor parses them again on each start
// (docs/benchmarks.md, issue #3). The library (`exports`) stays unbundled; bin/aegis.js runs
// dist/cli/run.js when the bundle is missing or older than the last tsc emit.
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
// Emitted by tsc, which runs first (npm run build, setup.mjs, test/global-setup.ts).
import { bundleDir, bundleName } from '../packages/aegis/dist/cli/bundle-file.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = `${root}packages/aegis/dist/`
/** Where bin/aegis.js looks; tests build elsewhere (`node scripts/build-cli.mjs <dir>`). */
export const defaultOutdir = `${dist}${bundleDir}/`

/**
 * Modules resolve files next to them from import.meta.url (`../package.json` in version.ts, the
 * config schema in project-config.ts): inside the bundle it must still name the file tsc
 * emitted, found from the bundle's own path (CommonJS has no import.meta).
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
        // An import of its own: the module may declare a `require` of its own (version.ts).
        contents: `import { pathToFileURL as __aegisFileUrl } from 'node:url';${text.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(own)}, __aegisFileUrl(__filename)).href`,
        )}`,
        loader: 'js',
        resolveDir: dirname(args.path),
      }
    })
  },
})

/** Files of earlier builds stay this long: an aegis started before may still read one. */
const keepOldMs = 60 * 60 * 1000

/**
 * Engineers and test runs build in one checkout at once, while others run `aegis`: every file is
 * written to a temporary name and renamed, the source map first and the bundle last, so a reader
 * sees the old bundle or the new one, never a mix.
 */
const install = (files, outdir) => {
  mkdirSync(outdir, { recursive: true })
  const put = (file) => {
    const tmp = `${file.path}.${process.pid}.tmp`
    writeFileSync(tmp, file.contents)
    renameSync(tmp, file.path)
  }
  const last = (file) => file.path.endsWith('.cjs')
  for (const file of files) if (!last(file)) put(file)
  for (const file of files) if (last(file)) put(file)
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
    entryPoints: [`${dist}cli/run.js`],
    outfile: `${outdir}${bundleName}`,
    write: false,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    external: ['playwright-core'],
    // launch.ts compiles the bundle with node:vm, where import() has no loader: every lazy
    // import (commands, playwright-core) becomes a require.
    supported: { 'dynamic-import': false },
    // Maps to the TypeScript sources through dist's own maps (AEGIS_DEBUG=1 applies them).
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [keepModuleUrl(outdir)],
    logLevel: 'warning',
  })
  const code = result.outputFiles.find((f) => f.path.endsWith('.cjs'))?.text ?? ''
  if (/\bimport\(/.test(code)) throw new Error('build-cli: an import() is left in the bundle')
  install(result.outputFiles, outdir)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2]
  await buildCli(dir === undefined ? defaultOutdir : `${resolve(dir)}${sep}`)
}
