// Runs the double outside of Vitest (demo, manual probing): `node test/support/kratos-double/serve.mjs
// [flags]`. Prints the URLs (or one JSON line with --json) and serves until SIGINT/SIGTERM.
import { parseArgs } from 'node:util'
import {
  startKratosDouble,
  weaknessNames,
  type DoubleOptions,
  type KratosDouble,
  type SameSite,
  type WeaknessName,
} from './index.ts'

const flags = {
  dev: { type: 'boolean' },
  lifespan: { type: 'string' },
  'cookie-name': { type: 'string' },
  'cookie-domain': { type: 'string' },
  'same-site': { type: 'string' },
  secure: { type: 'string' },
  secret: { type: 'string', multiple: true },
  cors: { type: 'boolean' },
  'cors-origin': { type: 'string', multiple: true },
  latency: { type: 'string' },
  weakness: { type: 'string', multiple: true },
  'all-weaknesses': { type: 'boolean' },
  'public-port': { type: 'string' },
  'admin-port': { type: 'string' },
  hostname: { type: 'string' },
  identity: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const

const sameSite = (text: string | undefined): SameSite | undefined =>
  text === 'Strict' || text === 'Lax' || text === 'None' ? text : undefined

const weaknessesOf = (
  names: readonly string[],
  all: boolean,
): Partial<Record<WeaknessName, boolean>> => {
  const unknown = names.filter((n) => !(weaknessNames as readonly string[]).includes(n))
  if (unknown.length)
    throw new Error(`unknown weakness: ${unknown.join(', ')} (known: ${weaknessNames.join(', ')})`)
  const chosen = all ? weaknessNames : (names as readonly WeaknessName[])
  return Object.fromEntries(chosen.map((n) => [n, true]))
}

/** Flags → DoubleOptions (exported for the launcher's test). */
export const optionsFromArgs = (
  argv: readonly string[],
): { options: DoubleOptions; identities: string[]; json: boolean } => {
  const { values: v } = parseArgs({ args: [...argv], options: flags, strict: true })
  const cookieSameSite = sameSite(v['same-site'])
  const options: DoubleOptions = {
    ...(v.dev ? { dev: true } : {}),
    ...(v.lifespan ? { lifespan: v.lifespan } : {}),
    cookie: {
      ...(v['cookie-name'] ? { name: v['cookie-name'] } : {}),
      ...(v['cookie-domain'] !== undefined ? { domain: v['cookie-domain'] } : {}),
      ...(cookieSameSite ? { sameSite: cookieSameSite } : {}),
      ...(v.secure !== undefined ? { secure: v.secure } : {}),
    },
    ...(v.secret?.length ? { secrets: { cookie: v.secret } } : {}),
    ...(v.cors || v['cors-origin']
      ? { cors: { enabled: true, allowedOrigins: v['cors-origin'] ?? ['*'] } }
      : {}),
    ...(v.latency ? { latencyMs: Number(v.latency) } : {}),
    weaknesses: weaknessesOf(v.weakness ?? [], v['all-weaknesses'] ?? false),
    ports: { public: Number(v['public-port'] ?? 0), admin: Number(v['admin-port'] ?? 0) },
    ...(v.hostname === 'localhost' ? { hostname: 'localhost' } : {}),
  }
  return { options, identities: v.identity ?? [], json: v.json ?? false }
}

const main = async (): Promise<void> => {
  const { options, identities, json } = optionsFromArgs(process.argv.slice(2))
  const double: KratosDouble = await startKratosDouble(options)
  for (const spec of identities) {
    const colon = spec.indexOf(':')
    await double.createIdentity({ email: spec.slice(0, colon), password: spec.slice(colon + 1) })
  }
  const on = Object.keys(options.weaknesses ?? {})
  if (json)
    console.log(
      JSON.stringify({ publicUrl: double.publicUrl, adminUrl: double.adminUrl, weaknesses: on }),
    )
  else
    console.log(
      `Kratos double\n  public: ${double.publicUrl}\n  admin:  ${double.adminUrl}\n  weaknesses: ${on.join(', ') || 'none'}`,
    )
  const stop = (): void => {
    void double.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1]?.endsWith('serve.js')) await main()
