// `npm test`: the whole suite from a fresh clone. Installs what it needs, builds, type-checks
// the tests, runs Vitest and ends with one plain `N passed, N failed, N skipped` line.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { build, ensureChromium, ensureDependencies, ensureServices } from './setup.mjs'

const root = new URL('..', import.meta.url).pathname
ensureDependencies()
ensureChromium()
await ensureServices()
build()

const tsc = spawnSync(`${root}node_modules/.bin/tsc`, ['-p', 'tsconfig.test.json'], {
  cwd: root,
  stdio: 'inherit',
})
if (tsc.status !== 0) {
  console.log('type check of the tests failed')
  console.log('0 passed, 1 failed')
  process.exit(1)
}

mkdirSync(`${root}.aegis-test`, { recursive: true })
const report = `${root}.aegis-test/vitest.json`
rmSync(report, { force: true })
const args = [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]
const vitest = spawnSync(`${root}node_modules/.bin/vitest`, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AEGIS_REQUIRE_SERVICES: '1', AEGIS_SKIP_BUILD: '1' },
})

let passed = 0
let failed = 0
let skipped = 0
try {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed = json.numPassedTests
  // A file that fails to load has no failed test of its own: count it once.
  const brokenFiles = json.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  ).length
  failed = json.numFailedTests + brokenFiles
  skipped = json.numPendingTests + json.numTodoTests
} catch {
  failed = Math.max(1, failed)
}
if (vitest.status !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(vitest.status === 0 && failed === 0 ? 0 : 1)
