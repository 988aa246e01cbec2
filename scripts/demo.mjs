// `npm run demo`: install if needed, build, audit the bundled insecure example, then probe a
// running Kratos (the test double, started here with the same weaknesses a careless deployment
// has). Findings are the point of a demo, so it exits 0 whatever is found; only a tool error
// fails it.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { build, ensureDependencies } from './setup.mjs'

const root = new URL('..', import.meta.url).pathname
ensureDependencies()
build()
const aegis = (args) =>
  spawnSync(process.execPath, [`${root}packages/aegis/bin/aegis.js`, ...args], {
    cwd: root,
    stdio: 'inherit',
  })
const ok = (r) => r.status === 0 || r.status === 1

process.stdout.write('== aegis audit examples/insecure/docker-compose.yml\n\n')
const audited = aegis(['audit', 'examples/insecure/docker-compose.yml'])

process.stdout.write(
  '\n== aegis probe against a running (double) Kratos with common weaknesses\n\n',
)
const weaknesses = ['corsReflectAnyOrigin', 'logoutDoesNotRevoke', 'openRedirect', 'longLifespan']
const double = spawn(
  process.execPath,
  [
    `${root}test/support/kratos-double/serve.mjs`,
    '--json',
    ...weaknesses.flatMap((w) => ['--weakness', w]),
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
)
const [line] = await once(double.stdout.setEncoding('utf8'), 'data')
const { publicUrl, adminUrl } = JSON.parse(String(line).split('\n')[0])
const probed = aegis([
  'probe',
  '--public-url',
  publicUrl,
  '--admin-url',
  adminUrl,
  '--create-identity',
])
double.kill('SIGTERM')
await once(double, 'close')

process.stdout.write(
  '\nThe hardened example (nothing above low): npx aegis audit examples/hardened/docker-compose.yml\n' +
    'Other profiles: npx aegis profiles; machine formats: --format json|sarif|junit|markdown|html\n',
)
// 0 clean and 1 findings are both a successful demo; 2 is a tool error.
process.exitCode = ok(audited) && ok(probed) ? 0 : 2
