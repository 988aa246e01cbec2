// `npm run demo`: install if needed, build, and audit the bundled insecure example. Findings are
// the point of a demo, so it exits 0 whatever the audit finds; only a tool error fails it.
import { spawnSync } from 'node:child_process'
import { build, ensureDependencies } from './setup.mjs'

const root = new URL('..', import.meta.url).pathname
ensureDependencies()
build()
const aegis = (args) =>
  spawnSync(process.execPath, [`${root}packages/aegis/bin/aegis.js`, ...args], {
    cwd: root,
    stdio: 'inherit',
  })
const result = aegis(['audit', 'examples/insecure/docker-compose.yml'])
process.stdout.write(
  '\nThat was examples/insecure. The hardened version (nothing above low): ' +
    'npx aegis audit examples/hardened/docker-compose.yml\n' +
    'Other profiles: npx aegis profiles; as JSON: add --format json\n',
)
// 0 clean and 1 findings are both a successful demo; 2 is a tool error.
process.exitCode = result.status === 0 || result.status === 1 ? 0 : (result.status ?? 2)
