// QA H3: an admin API behind a basic-auth proxy. Credentials come in the URL's user:password@ or
// in AEGIS_ADMIN_AUTHORIZATION, go as a header to that origin only, and appear in no stream.
import { afterEach, describe, expect, it } from 'vitest'
import {
  basicAuth,
  startAuthProxy,
  type AuthProxy,
} from '../../../../../test/support/auth-proxy.ts'
import { runAegis } from '../../../../../test/support/cli.ts'
import { checks } from '../../probe/checks/index.ts'
import {
  startKratosDouble,
  type KratosDouble,
} from '../../../../../test/support/kratos-double/index.ts'

const user = 'opsCANARYuser'
const password = 'CANARY-pw/x:y@z'
const inUrl = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
const header = basicAuth(user, password)
const token = header.slice('Basic '.length)

let kratos: KratosDouble | undefined
const proxies: AuthProxy[] = []
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()))
  await kratos?.close()
  kratos = undefined
})

const noCredential = (...streams: string[]): void => {
  for (const s of streams) {
    expect(s).not.toContain('CANARY')
    expect(s).not.toContain(token)
    expect(s).not.toContain(encodeURIComponent(password))
  }
}

const behindProxies = async (): Promise<{ admin: AuthProxy; pub: AuthProxy }> => {
  kratos = await startKratosDouble()
  const admin = await startAuthProxy(kratos.adminUrl, header)
  // The public side requires nothing: it records whether the admin credentials leak to it.
  // (Kratos' logout URL names its own base URL, not this proxy: that check is left out below.)
  const pub = await startAuthProxy(kratos.publicUrl, null)
  proxies.push(admin, pub)
  return { admin, pub }
}

const only = checks
  .map((c) => c.id)
  .filter((id) => id !== 'logout-browser-revokes')
  .join(',')

const probe = (pub: string, admin: string, format: string, env: Record<string, string> = {}) =>
  runAegis(
    [
      'probe',
      '--public-url',
      pub,
      '--admin-url',
      admin,
      '--create-identity',
      '--only',
      only,
      '--format',
      format,
    ],
    { timeoutMs: 60_000, env },
  )

describe('aegis probe with an admin API behind basic auth', () => {
  it('sends user:password@ of --admin-url as Basic auth to that origin only, showing it nowhere', async () => {
    const { admin, pub } = await behindProxies()
    const adminUrl = admin.url.replace('http://', `http://${inUrl}@`)
    for (const format of ['json', 'text']) {
      const r = await probe(pub.url, adminUrl, format)
      expect(r.stderr).not.toContain('AEGIS_INTERNAL')
      expect(r.stderr).not.toContain('AEGIS_IDENTITY')
      expect([0, 1]).toContain(r.code)
      noCredential(r.stdout, r.stderr)
      if (format === 'json') {
        const json = JSON.parse(r.stdout) as { units: { outcome?: string }[] }
        expect(json.units.length).toBeGreaterThan(0)
      }
    }
    // The admin side was used (identity created and deleted) and never refused.
    expect(admin.seen.length).toBeGreaterThan(0)
    expect(admin.refused()).toBe(0)
    expect(kratos?.identities()).toHaveLength(0)
    // The public origin never received the admin credentials.
    expect(pub.seen.length).toBeGreaterThan(0)
    expect(pub.seen).not.toContain(header)
  }, 120_000)

  it('takes the Authorization value from AEGIS_ADMIN_AUTHORIZATION, kept off the command line', async () => {
    const { admin, pub } = await behindProxies()
    const r = await probe(pub.url, admin.url, 'json', { AEGIS_ADMIN_AUTHORIZATION: header })
    expect(r.stderr).toBe('')
    expect([0, 1]).toContain(r.code)
    noCredential(r.stdout, r.stderr)
    expect(admin.refused()).toBe(0)
    expect(admin.seen.every((a) => a === header)).toBe(true)
    expect(pub.seen).not.toContain(header)
    expect(kratos?.identities()).toHaveLength(0)
  }, 60_000)

  it('without the credentials the proxy refuses: a tool error, exit 2', async () => {
    const { admin, pub } = await behindProxies()
    const r = await probe(pub.url, admin.url, 'json')
    expect(r.code).toBe(2)
    expect(admin.refused()).toBeGreaterThan(0)
    expect(r.stderr).toContain('401')
  }, 60_000)

  it('says in --help how to give credentials, and why the environment is better', async () => {
    const r = await runAegis(['probe', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('AEGIS_ADMIN_AUTHORIZATION')
    expect(r.stdout).toContain('USER:PASSWORD@')
    expect(r.stdout).toContain('`ps`')
  })

  it('refuses bad URLs as usage errors without echoing user:password@', async () => {
    const cases: string[][] = [
      ['--public-url', `ftp://${inUrl}@127.0.0.1:9/`],
      ['--public-url', `http://${inUrl}@[::1`],
      ['--public-url', 'http://127.0.0.1:9/', '--admin-url', `http://${inUrl}@127.0.0.1:9:x/`],
      ['--public-url', 'http://127.0.0.1:9/', '--app-url', `http://${inUrl}@127.0.0.1:9/`],
      ['--public-url', 'http://127.0.0.1:9/', '--admin-url', `http://opsCANARY:%zz@127.0.0.1:9/`],
      // A password typed unencoded with / ? or # ends the authority early: the URL is invalid,
      // and the password still sits before the last @.
      ['--public-url', `http://${user}:pw#CANARY@127.0.0.1:9/`],
      [
        '--public-url',
        'http://127.0.0.1:9/',
        '--admin-url',
        `https:${user}:pw?CANARY@127.0.0.1:9/`,
      ],
      ['--public-url', `http://${user}:pw/CANARY@127.0.0.1:9/`],
    ]
    for (const args of cases) {
      const r = await runAegis(['probe', ...args])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/^aegis: --(public|admin|app)-url .*\(AEGIS_USAGE\)\n/)
      noCredential(r.stdout, r.stderr)
    }
    const both = await runAegis(
      [
        'probe',
        '--public-url',
        'http://127.0.0.1:9/',
        '--admin-url',
        `http://${inUrl}@127.0.0.1:9/`,
      ],
      { env: { AEGIS_ADMIN_AUTHORIZATION: 'Bearer CANARYtoken' } },
    )
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('give one (AEGIS_USAGE)')
    noCredential(both.stdout, both.stderr)
    // Other usage errors that quote an argument hide its user:password@ too.
    const quoted: [string[], string][] = [
      [
        ['--app-url', 'http://127.0.0.1:8/d', '--app-login-path', `http://${inUrl}@other.example/`],
        "--app-login-path must be a path of the --app-url origin, got 'http://…@other.example/'",
      ],
      [[`http://${inUrl}@127.0.0.1:9/`], "unexpected argument 'http://…@127.0.0.1:9/'"],
      // IDENTIFIER:PASSWORD without --identity in front.
      [['ada@example.test:CANARY-pw'], "unexpected argument 'ada@example.test:…'"],
      [
        [
          '--app-url',
          'http://127.0.0.1:8/d',
          '--app-login-path',
          `http://${user}:p#CANARY@x.example/`,
        ],
        "--app-login-path must be a path of the --app-url origin, got 'http://…@x.example/'",
      ],
    ]
    for (const [args, message] of quoted) {
      const r = await runAegis(['probe', '--public-url', 'http://127.0.0.1:9/', ...args])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(message)
      noCredential(r.stdout, r.stderr)
    }
  }, 60_000)
})
