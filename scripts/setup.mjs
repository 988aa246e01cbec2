// Brings a fresh clone to a runnable state: dependencies, the build, and (for tests) Chromium,
// Redis and PostgreSQL. Used by `npm test` and `npm run demo`; idempotent and quiet when done.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { createConnection } from 'node:net'

const root = new URL('..', import.meta.url).pathname
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts })
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status ?? r.signal}`)
}
const log = (m) => process.stderr.write(`setup: ${m}\n`)

export const ensureDependencies = () => {
  const marker = `${root}node_modules/.package-lock.json`
  const stale =
    !existsSync(marker) || statSync(`${root}package-lock.json`).mtimeMs > statSync(marker).mtimeMs
  if (stale) {
    log('installing dependencies (npm ci)')
    run('npm', ['ci', '--no-audit', '--no-fund'])
  }
}

export const build = () => {
  run(`${root}node_modules/.bin/tsc`, ['-b', 'packages/aegis', 'packages/guard'])
  // The bundled CLI that bin/aegis.js prefers while it is newer than tsc's output.
  run(process.execPath, [`${root}scripts/build-cli.mjs`])
}

export const ensureChromium = () => {
  if (existsSync('/usr/bin/chromium')) return
  if (process.getuid?.() !== 0) {
    log('Chromium is missing and this is not root: install the Debian package `chromium`')
    return
  }
  log('installing Chromium from Debian (apt-get install chromium)')
  run('apt-get', ['update', '-qq'])
  run('apt-get', ['install', '-y', '-qq', 'chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}

const reachable = (port) =>
  new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port })
    s.once('connect', () => (s.destroy(), resolve(true)))
    s.once('error', () => resolve(false))
    s.setTimeout(1000, () => (s.destroy(), resolve(false)))
  })

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Starts Redis and PostgreSQL the way this machine kind does, when they are not answering. */
export const ensureServices = async () => {
  if (!(await reachable(6379))) {
    log('starting Redis')
    spawnSync(
      'redis-server',
      [
        '--daemonize',
        'yes',
        '--bind',
        '127.0.0.1',
        '-::1',
        '--port',
        '6379',
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: 'inherit' },
    )
  }
  if (!(await reachable(5432))) {
    log('starting PostgreSQL')
    try {
      const version = execFileSync('ls', ['/etc/postgresql']).toString().trim().split('\n')[0]
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
        stdio: 'inherit',
      })
    } catch {
      log('could not start PostgreSQL')
    }
  }
  for (let i = 0; i < 20 && !((await reachable(6379)) && (await reachable(5432))); i++)
    await sleep(250)
}
