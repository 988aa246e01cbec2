// Launcher for Node 20 (which cannot run TypeScript): compiles serve.ts and what it imports into
// .aegis-test/double with tsc when a source is newer than the output, then runs it with the same
// arguments.
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const root = fileURLToPath(new URL('../../..', import.meta.url))
const compiled = `${root}.aegis-test/double/test/support/kratos-double/serve.js`

const newest = (dir) =>
  Math.max(
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => statSync(`${dir}${f}`).mtimeMs),
  )
const mtime = (file) => {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}
if (Math.max(newest(here), newest(`${root}packages/aegis/src/rotate/`)) > mtime(compiled))
  execFileSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', `${here}tsconfig.serve.json`],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
process.argv[1] = compiled
await import(pathToFileURL(compiled).href)
