// Builds the packages once before the suite, so tests that spawn `aegis` run the current code.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function setup(): void {
  // AEGIS_SKIP_BUILD=1 when the build is known to be current (scripts/test.mjs builds first).
  if (process.env['AEGIS_SKIP_BUILD'] === '1') return
  const root = fileURLToPath(new URL('..', import.meta.url))
  execFileSync(`${root}node_modules/.bin/tsc`, ['-b', 'packages/aegis', 'packages/guard'], {
    cwd: root,
    stdio: 'inherit',
  })
  // The bundled CLI (bin/aegis.js runs it when newer than tsc's output), so spawned CLIs test it.
  execFileSync(process.execPath, [`${root}scripts/build-cli.mjs`], { cwd: root, stdio: 'inherit' })
}
