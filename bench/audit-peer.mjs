// Audit against the peer a user would pick instead: @stoplight/spectral-cli running
// bench/peers/kratos.spectral.yaml on the same generated corpus (issue 9). Measures one config
// from the CLI (process start included), configs per second over the corpus in one process each,
// and how many planted weaknesses each tool finds.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { corpus } from './audit.mjs'
import { root } from './lib.mjs'

export const ruleset = `${root}bench/peers/kratos.spectral.yaml`
const spectralBin = `${root}node_modules/.bin/spectral`
const aegisBin = `${root}packages/aegis/bin/aegis.js`

/**
 * Each planted weakness: the aegis rule and the Spectral rule that must report it, and where
 * (`spectral: null` for a weakness the ruleset cannot express).
 */
export const expected = {
  'dev-mode': { aegis: 'dev-mode-enabled', spectral: 'kratos-dev-mode', key: 'dev' },
  leak: {
    aegis: 'log-leak-sensitive-values',
    spectral: 'kratos-log-leak-sensitive-values',
    key: 'log.leak_sensitive_values',
  },
  cors: {
    aegis: 'cors-credentials-any-origin',
    spectral: 'kratos-cors-origins',
    key: 'serve.public.cors',
  },
  samesite: {
    aegis: 'cookie-same-site-none',
    spectral: 'kratos-cookie-same-site-none',
    key: 'session.cookie.same_site',
  },
  lifespan: {
    aegis: 'session-lifespan-too-long',
    spectral: 'kratos-session-lifespan',
    key: 'session.lifespan',
  },
  placeholder: {
    aegis: 'secret-placeholder',
    spectral: 'kratos-secret-placeholder',
    key: 'secrets.cookie',
  },
  privileged: {
    aegis: 'privileged-session-max-age-too-long',
    spectral: 'kratos-privileged-session-zero',
    key: 'selfservice.flows.settings.privileged_session_max_age',
  },
  noop: {
    aegis: 'cipher-algorithm-noop',
    spectral: 'kratos-cipher-noop',
    key: 'ciphers.algorithm',
  },
  sslmode: { aegis: 'dsn-tls-disabled', spectral: 'kratos-dsn-tls-disabled', key: 'dsn' },
  'http-base': {
    aegis: 'base-url-plain-http',
    spectral: 'kratos-public-base-url-http',
    key: 'serve.public.base_url',
  },
}

/** A finding matches a plant when its rule is the expected one and its key is at or under the plant's key. */
const under = (key, prefix) => key === prefix || key.startsWith(`${prefix}.`)
export const found = (plant, tool, findings) =>
  findings.some((f) => f.rule === expected[plant][tool] && under(f.key, expected[plant].key))

/** Writes the corpus as one kratos.yml-shaped file per config; returns the dir and the plants per file. */
export const writeCorpus = (n) => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-bench-corpus-'))
  const plants = new Map()
  corpus(n).forEach(({ config, planted }, i) => {
    const file = join(dir, `kratos-${String(i).padStart(4, '0')}.yaml`)
    writeFileSync(file, stringify(config))
    plants.set(file, planted)
  })
  return { dir, plants }
}

const run = (args, timeout) => {
  const t = performance.now()
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    timeout,
    maxBuffer: 2 ** 28,
  })
  const ms = performance.now() - t
  // aegis exits 1 and Spectral exits 1 when they report findings; 2 or a signal is a failure.
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${args.join(' ')}: ${r.status ?? r.signal} ${r.stderr}`)
  return { ms, stdout: r.stdout }
}

export const spectralArgs = (target, out) => [
  spectralBin,
  'lint',
  target,
  '--ruleset',
  ruleset,
  '--format',
  'json',
  '--quiet',
  '-o',
  out,
]

/** Spectral's JSON results as { file, rule, key } (its `path` is an array of keys). */
const spectralFindings = (out) =>
  JSON.parse(readFileSync(out, 'utf8')).map((r) => ({
    file: r.source,
    rule: r.code,
    key: r.path.join('.').replace(/\.\d+$/, ''),
  }))

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const tally = (plants, byFile) => {
  let planted = 0
  const hits = { aegis: 0, spectral: 0 }
  for (const [file, names] of plants) {
    for (const name of names) {
      planted++
      for (const tool of ['aegis', 'spectral'])
        if (found(name, tool, byFile[tool].get(file) ?? [])) hits[tool]++
    }
  }
  return { planted, ...hits }
}

const group = (findings) => {
  const m = new Map()
  for (const f of findings) m.set(f.file, [...(m.get(f.file) ?? []), f])
  return m
}

export const benchAuditPeer = ({ n = 300, runs = 5 } = {}) => {
  const { dir, plants } = writeCorpus(n)
  try {
    const one = [...plants.keys()][1]
    const out = join(dir, 'spectral.json')
    const cli = { aegis: [], spectral: [] }
    for (let i = 0; i < runs; i++) {
      cli.aegis.push(run([aegisBin, 'audit', one, '--format', 'json'], 60_000).ms)
      cli.spectral.push(run(spectralArgs(one, out), 60_000).ms)
    }
    const a = run([`${root}bench/audit-peer-run.mjs`, dir], 600_000)
    const s = run(spectralArgs(join(dir, '*.yaml'), out), 600_000)
    const aegisFindings = JSON.parse(a.stdout).flatMap(({ file, findings }) =>
      findings.map((f) => ({ file, rule: f.ruleId, key: f.key })),
    )
    const accuracy = tally(plants, {
      aegis: group(aegisFindings),
      spectral: group(spectralFindings(out)),
    })
    return {
      corpus: n,
      runs,
      cliMs: { aegis: median(cli.aegis), spectral: median(cli.spectral) },
      configsPerSecond: { aegis: n / (a.ms / 1000), spectral: n / (s.ms / 1000) },
      accuracy,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.env['BENCH_AUDIT_CORPUS'] ?? 300)
  process.stdout.write(`${JSON.stringify(benchAuditPeer({ n }), null, 2)}\n`)
}
