// `npm run demo`: install if needed, build, and run kratos-aegis on the bundled insecure example.
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
aegis(['--help'])
