// The audit peer benchmark's accuracy measure: the corpus plants what it says, aegis finds every
// planted weakness, the Spectral ruleset finds what it claims, and nothing counts as found unplanted.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { loadDeployment } from '../packages/aegis/src/config/index.ts'
import { audit } from '../packages/aegis/src/engine/audit.ts'
import { getProfile } from '../packages/aegis/src/profiles/index.ts'

type Tool = 'aegis' | 'spectral'
type Config = Record<string, unknown>
interface Finding {
  readonly rule: string
  readonly key: string
}
interface PeerModule {
  /** `spectral` is null for a weakness the ruleset cannot express. */
  readonly expected: Record<string, { aegis: string; spectral: string | null; key: string }>
  readonly found: (plant: string, tool: Tool, findings: readonly Finding[]) => boolean
  readonly writeCorpus: (n: number) => { dir: string; plants: Map<string, string[]> }
  readonly spectralArgs: (target: string, out: string) => string[]
}
interface AuditModule {
  readonly corpus: (n: number) => { config: Config; planted: string[] }[]
}

// A non-literal specifier keeps tsc from resolving the untyped .mjs modules; the interfaces above type them.
const load = async <T>(name: string): Promise<T> =>
  (await import(pathToFileURL(join(import.meta.dirname, name)).href)) as T
const peer = await load<PeerModule>('audit-peer.mjs')
const { corpus } = await load<AuditModule>('audit.mjs')

/** The value at a dotted key of a plain config object. */
const at = (c: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (v, k) =>
        typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined,
      c,
    )

/** Each weakness as the test reads it back from the config, independent of the planting code. */
const weak: Record<string, (c: Config) => boolean> = {
  'dev-mode': (c) => at(c, 'dev') === true,
  leak: (c) => at(c, 'log.leak_sensitive_values') === true,
  cors: (c) =>
    at(c, 'serve.public.cors.enabled') === true &&
    at(c, 'serve.public.cors.allowed_origins') === undefined,
  samesite: (c) => at(c, 'session.cookie.same_site') === 'None',
  lifespan: (c) => at(c, 'session.lifespan') === '720h',
  placeholder: (c) => String(at(c, 'secrets.cookie.0')).includes('CHANGE-ME'),
  privileged: (c) => at(c, 'selfservice.flows.settings.privileged_session_max_age') === '0s',
  noop: (c) => at(c, 'ciphers.algorithm') === 'noop',
  sslmode: (c) => String(at(c, 'dsn')).includes('sslmode=disable'),
  'http-base': (c) => String(at(c, 'serve.public.base_url')).startsWith('http://'),
}

const written = peer.writeCorpus(6)
afterAll(() => {
  rmSync(written.dir, { recursive: true, force: true })
})

describe('audit peer corpus', () => {
  it('plants exactly the weaknesses it lists, and every kind at least once', () => {
    const items = corpus(30)
    const seen = new Set<string>()
    for (const { config, planted } of items) {
      for (const [name, isWeak] of Object.entries(weak))
        expect(isWeak(config)).toBe(planted.includes(name))
      for (const name of planted) seen.add(name)
    }
    expect([...seen].sort()).toEqual(Object.keys(peer.expected).sort())
    expect(Object.keys(weak).sort()).toEqual(Object.keys(peer.expected).sort())
  })

  it('aegis finds every planted weakness and none that was not planted', async () => {
    const profile = getProfile('baseline')
    for (const [file, planted] of written.plants) {
      const { view } = await loadDeployment([file])
      const findings = audit(view, profile, [file]).findings.map((f) => ({
        rule: f.ruleId,
        key: f.key,
      }))
      for (const name of Object.keys(peer.expected))
        expect([name, peer.found(name, 'aegis', findings)]).toEqual([name, planted.includes(name)])
    }
  })

  it('the Spectral ruleset finds what it claims to express, per file', () => {
    const out = join(written.dir, 'spectral.json')
    const r = spawnSync(process.execPath, peer.spectralArgs(join(written.dir, '*.yaml'), out), {
      encoding: 'utf8',
      timeout: 90_000,
    })
    expect(r.status).toBe(1)
    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      source: string
      code: string
      path: string[]
    }[]
    for (const [file, planted] of written.plants) {
      const findings = results
        .filter((x) => x.source === file)
        .map((x) => ({ rule: x.code, key: x.path.join('.').replace(/\.\d+$/, '') }))
      for (const name of Object.keys(peer.expected))
        expect([name, peer.found(name, 'spectral', findings)]).toEqual([
          name,
          planted.includes(name) && peer.expected[name]?.spectral !== null,
        ])
    }
  }, 120_000)
})
