// Builds the packages once before the suite, so tests that spawn `aegis` run the current code.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url))
  execFileSync(`${root}node_modules/.bin/tsc`, ['-b', 'packages/aegis', 'packages/guard'], {
    cwd: root,
    stdio: 'inherit',
  })
}
