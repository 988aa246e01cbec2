// Audit speed: one config from the CLI (process start included) and the engine's configs per
// second over a generated corpus with planted weaknesses, counting how many each run finds.
// `node bench/audit.mjs` runs the CLI part alone (after `npm run build`) and prints it as JSON;
// `node bench/audit.mjs --engine` the engine part alone.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { viewFromObject } from '../packages/aegis/dist/config/index.js'
import { audit } from '../packages/aegis/dist/engine/audit.js'
import { getProfile } from '../packages/aegis/dist/profiles/index.js'
import { root } from './lib.mjs'

/** Weaknesses planted in the corpus, each with the rule that must find it. */
const plants = [
  ['dev-mode', (c) => (c.dev = true)],
  ['leak', (c) => (c.log = { leak_sensitive_values: true })],
  ['cors', (c) => (c.serve.public.cors = { enabled: true })],
  ['samesite', (c) => (c.session.cookie = { ...c.session.cookie, same_site: 'None' })],
  ['lifespan', (c) => (c.session.lifespan = '720h')],
  ['placeholder', (c) => (c.secrets.cookie = ['PLEASE-CHANGE-ME-I-AM-VERY-INSECURE'])],
  ['privileged', (c) => (c.selfservice.flows.settings.privileged_session_max_age = '0s')],
  ['noop', (c) => (c.ciphers = { algorithm: 'noop' })],
  ['sslmode', (c) => (c.dsn = 'postgres://kratos:pw@db:5432/kratos?sslmode=disable')],
  ['http-base', (c) => (c.serve.public.base_url = 'http://auth.example.com/')],
]

const hardened = (i) => ({
  version: 'v26.2.0',
  dsn: `postgres://kratos@db-${i}:5432/kratos?sslmode=verify-full`,
  identity: {
    default_schema_id: 'default',
    schemas: [{ id: 'default', url: 'file:///etc/config/identity.schema.json' }],
  },
  serve: {
    public: { base_url: `https://auth-${i}.example.com/` },
    admin: { base_url: 'http://kratos-admin:4434/' },
  },
  secrets: {
    cookie: [`a-long-random-cookie-secret-number-${i}-xxxxxxxx`],
    cipher: ['0123456789abcdef0123456789abcdef'],
  },
  ciphers: { algorithm: 'xchacha20-poly1305' },
  session: {
    lifespan: '12h',
    earliest_possible_extend: '1h',
    cookie: { same_site: 'Lax', persistent: false },
  },
  selfservice: {
    default_browser_return_url: `https://app-${i}.example.com/`,
    allowed_return_urls: [`https://app-${i}.example.com/`],
    flows: { settings: { privileged_session_max_age: '15m' } },
  },
})

export const corpus = (n) =>
  Array.from({ length: n }, (_, i) => {
    const config = hardened(i)
    const planted = plants.filter((_, j) => (i + j) % 3 === 0)
    for (const [, plant] of planted) plant(config)
    return { config, planted: planted.map(([name]) => name) }
  })

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * `aegis audit` from the executable, as a user runs it. The CLI keeps a V8 code cache per user
 * (src/cli/launch.ts): a fresh cache directory makes the first run the cold one, timed apart;
 * the median is over the next runs. Wall time, so the load average is reported with it.
 */
export const benchCli = (runs = 10) => {
  const cache = mkdtempSync(join(tmpdir(), 'aegis-bench-cache-'))
  const once = () => {
    const t = performance.now()
    const r = spawnSync(
      process.execPath,
      [
        `${root}packages/aegis/bin/aegis.js`,
        'audit',
        'examples/insecure/docker-compose.yml',
        '--format',
        'json',
      ],
      { cwd: root, env: { ...process.env, XDG_CACHE_HOME: cache } },
    )
    // Exit 1: the insecure example has findings; anything else means the run measured nothing.
    if (r.status !== 1) throw new Error(`aegis audit exited ${r.status}: ${r.stderr}`)
    return performance.now() - t
  }
  try {
    const load = loadavg()[0] ?? 0
    const cliFirstMs = once()
    const times = Array.from({ length: runs }, once)
    return { cliMedianMs: median(times), cliFirstMs, cliRuns: runs, load }
  } finally {
    rmSync(cache, { recursive: true, force: true })
  }
}

/**
 * The engine alone: merged view and every rule, findings with messages, locations and
 * fingerprints, over a corpus generated before any timing. V8 compiles the engine while the first
 * pass runs, so that pass (`coldConfigsPerSecond`) depends on the corpus size; `configsPerSecond`
 * is the median of the passes after it, the steady rate of a run over many configs. Every pass
 * must find the same findings. Wall time, with the load average.
 */
/** One pass of the engine over `items` (from corpus()) under baseline: how many findings. */
export const auditPass = (items) => {
  const profile = getProfile('baseline')
  let findings = 0
  for (const { config } of items)
    findings += audit(viewFromObject(config), profile, ['generated']).findings.length
  return findings
}

export const benchEngine = ({ n = 300, passes = 5 } = {}) => {
  const items = corpus(n)
  const pass = () => {
    const t = performance.now()
    const findings = auditPass(items)
    return { seconds: (performance.now() - t) / 1000, findings }
  }
  const load = loadavg()[0] ?? 0
  const cold = pass()
  const warm = Array.from({ length: passes }, pass)
  if (warm.some((w) => w.findings !== cold.findings))
    throw new Error('passes found different findings')
  return {
    configsPerSecond: n / median(warm.map((w) => w.seconds)),
    coldConfigsPerSecond: n / cold.seconds,
    corpus: n,
    passes,
    findings: cold.findings,
    engineLoad: load,
  }
}

export const benchAudit = () => ({ ...benchCli(), ...benchEngine() })

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const engine = process.argv.includes('--engine')
  const result = engine ? benchEngine() : benchCli(Number(process.env['BENCH_RUNS'] ?? 10))
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
