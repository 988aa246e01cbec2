// Secret hygiene (issue 10): canary secrets planted in every kind of input and in probe traffic
// must never reach stdout, stderr or a written report, in any format, also when a command fails
// (CWE-200, CWE-532). The base64 and URL-encoded forms are checked as well.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeSessionCookie } from '../../packages/aegis/src/rotate/securecookie.ts'
import { runAegis, type CliResult } from '../support/cli.ts'
import { startKratosDouble, type KratosDouble } from '../support/kratos-double/index.ts'
import {
  brokenInputs,
  canary,
  deployments,
  forbiddenStrings,
  writeCanaryInputs,
} from './canary-inputs.ts'

const reportFormats = ['text', 'json', 'sarif', 'junit', 'markdown', 'html'] as const
const slow = { timeoutMs: 60_000 }
let dir = ''

/** The planted secret a text contains, or undefined. Fails loudly with where it was found. */
const expectNoCanary = (text: string, where: string, extra: readonly string[] = []): void => {
  const found = forbiddenStrings(extra).filter((s) => text.includes(s))
  expect(found, `${where} leaks`).toEqual([])
}

const expectClean = (r: CliResult, where: string, extra: readonly string[] = []): void => {
  expectNoCanary(r.stdout, `${where}: stdout`, extra)
  expectNoCanary(r.stderr, `${where}: stderr`, extra)
  // A crash would print a stack with local values; errors are one line (exit 2).
  expect(r.stderr, `${where}: stack trace`).not.toMatch(/\n\s+at /)
  expect([0, 1, 2], `${where}: exit code`).toContain(r.code)
}

const aegis = (args: readonly string[]): Promise<CliResult> => runAegis(args, { cwd: dir, ...slow })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aegis-canary-'))
  await writeCanaryInputs(dir)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe.concurrent('canaries never leave through aegis audit', () => {
  it.each(Object.entries(deployments))(
    '%s: every format on stdout',
    async (_kind, input) => {
      for (const format of reportFormats) {
        const r = await aegis(['audit', input, '--format', format])
        expect(r.code, `${input} ${format}: ${r.stderr}`).toBe(1)
        expect(r.stdout.length).toBeGreaterThan(100)
        expectClean(r, `audit ${input} --format ${format}`)
      }
    },
    240_000,
  )

  it.each(reportFormats)(
    '%s written with --output and read back',
    async (format) => {
      const out = join(dir, `report-${format}.out`)
      const r = await aegis(['audit', deployments.kubernetes, '--format', format, '--output', out])
      expectClean(r, `audit --format ${format} --output`)
      const written = await readFile(out, 'utf8')
      expect(written.length).toBeGreaterThan(100)
      expectNoCanary(written, `audit --format ${format} --output FILE`)
    },
    120_000,
  )

  it('with the .env passed by --env-file and --env from the process', async () => {
    const r = await runAegis(
      ['audit', deployments.kratos, '--env-file', 'compose/.env', '--env', '--format', 'sarif'],
      { cwd: dir, env: { SECRETS_COOKIE: canary.oldCookieSecret }, ...slow },
    )
    expectClean(r, 'audit --env-file --env')
  }, 120_000)

  it('misspelt secret variables Kratos ignores, each with a finding at its own line', async () => {
    for (const format of reportFormats) {
      const r = await aegis([
        'audit',
        deployments.kratos,
        '--env-file',
        'compose/.env',
        '--format',
        format,
      ])
      // The findings exist, so their frames and snippets were drawn over the planted lines.
      expect(r.stdout, format).toMatch(/COURIER_SMTP_PASS/)
      expectClean(r, `audit --env-file --format ${format}`)
    }
    const fix = await aegis(['fix', deployments.kratos, '--env-file', 'compose/.env', '--dry-run'])
    // The diff rewrites LOG_LEAK_SENSITIVE_VALUES, between two misspelt secrets.
    expect(fix.stdout).toMatch(/^\+LOG_LEAK_SENSITIVE_VALUES=false$/m)
    expectClean(fix, 'fix --env-file --dry-run')
  }, 120_000)
})

describe.concurrent('canaries never leave through config, fix and rotate', () => {
  it.each(Object.entries(deployments))(
    '%s: config show and validate',
    async (_kind, input) => {
      for (const sub of ['show', 'validate']) {
        for (const format of ['text', 'json']) {
          const r = await aegis(['config', sub, input, '--format', format])
          expect(r.stdout.length).toBeGreaterThan(20)
          expectClean(r, `config ${sub} ${input} --format ${format}`)
        }
      }
    },
    240_000,
  )

  it.each(Object.entries(deployments))(
    '%s: fix --dry-run (also --unsafe)',
    async (_kind, input) => {
      for (const extra of [[], ['--unsafe']]) {
        const r = await aegis(['fix', input, '--dry-run', ...extra])
        expectClean(r, `fix ${input} --dry-run ${extra.join(' ')}`)
      }
    },
    240_000,
  )

  it.each(Object.entries(deployments))(
    '%s: rotate --check and --dry-run',
    async (_kind, input) => {
      const runs = [
        ['--check'],
        ['--dry-run'],
        ['--dry-run', '--purpose', 'cipher'],
        ['--dry-run', '--output', 'env'],
        ['--dry-run', '--output', 'k8s-secret'],
      ]
      for (const extra of runs) {
        const r = await aegis(['rotate', input, ...extra])
        expectClean(r, `rotate ${input} ${extra.join(' ')}`)
      }
    },
    240_000,
  )

  it('config print and profiles', async () => {
    for (const args of [['config', 'print'], ['profiles'], ['profiles', '--format', 'json']]) {
      const r = await aegis(args)
      expect(r.code).toBe(0)
      expectClean(r, args.join(' '))
    }
  }, 120_000)
})

describe.concurrent('canaries never leave through errors', () => {
  it.each(brokenInputs)(
    '%s: one line, exit 2 or a finding, no secret',
    async (input) => {
      for (const args of [
        ['audit', input, '--format', 'json'],
        ['config', 'validate', input],
        ['rotate', input, '--dry-run'],
      ]) {
        const r = await aegis(args)
        expectClean(r, args.join(' '))
        if (r.code === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1)
      }
    },
    240_000,
  )

  it('a broken --env-file and bad --secrets arguments', async () => {
    const runs = [
      ['audit', deployments.kratos, '--env-file', 'bad/.env'],
      ['cookie', 'inspect', 'x', '--secrets', `["${canary.cookieSecret}"`],
      ['cookie', 'inspect', canary.sessionToken, '--secrets', canary.cookieSecret],
      ['rotate', deployments.kratos, '--dry-run', '--secrets', `{${canary.cookieSecret}`],
    ]
    for (const args of runs) {
      const r = await aegis(args)
      expectClean(r, args.slice(0, 2).join(' '))
    }
  }, 240_000)
})

describe('canaries never leave through cookie inspect', () => {
  it('decodes a planted cookie in text and json, the token and cookie hidden', async () => {
    const cookie = encodeSessionCookie({
      name: 'ory_kratos_session',
      secret: canary.cookieSecret,
      values: {
        session_token: canary.sessionToken,
        expires_at: '2099-01-01T00:00:00Z',
        nonce: 'n',
      },
    })
    const sources = [
      ['--secrets', canary.oldCookieSecret, '--secrets', canary.cookieSecret],
      ['--secrets-from', deployments.kratos],
      ['--secrets-from', deployments.helm],
      ['--secrets-env', 'KRATOS_SECRETS'],
    ]
    for (const source of sources) {
      for (const format of ['text', 'json']) {
        const r = await runAegis(['cookie', 'inspect', cookie, ...source, '--format', format], {
          cwd: dir,
          env: { KRATOS_SECRETS: `${canary.cookieSecret},${canary.oldCookieSecret}` },
          ...slow,
        })
        expect(r.code, `${source.join(' ')} ${format}: ${r.stderr}`).toBe(0)
        expect(r.stdout).toMatch(/ory_st_/)
        expectClean(r, `cookie inspect ${source[0] ?? ''} --format ${format}`, [cookie])
      }
    }
  }, 240_000)
})

describe('canaries never leave through aegis probe', () => {
  let kratos: KratosDouble | undefined
  afterAll(async () => {
    await kratos?.close()
  })

  it('every format, with planted secrets, identity password and sessions', async () => {
    kratos = await startKratosDouble({
      secrets: { cookie: [canary.cookieSecret, canary.oldCookieSecret] },
      weaknesses: { corsReflectAnyOrigin: true, cookieNotHttpOnly: true },
    })
    const email = 'canary@example.com'
    const { id } = await kratos.createIdentity({ email, password: canary.identityPassword })
    const planted = await kratos.createSession(id)
    const plantedCookie = kratos.encodeSessionCookie(planted.token, new Date(Date.now() + 3600e3))
    const base = [
      'probe',
      '--public-url',
      kratos.publicUrl,
      '--admin-url',
      kratos.adminUrl,
      '--identity',
      `${email}:${canary.identityPassword}`,
    ]
    const outputs: [string, string][] = []
    for (const format of reportFormats) {
      const out = join(dir, `probe-${format}.out`)
      const toFile = format !== 'text' && format !== 'json'
      const r = await aegis([...base, '--format', format, ...(toFile ? ['--output', out] : [])])
      expect(r.code, `probe ${format}: ${r.stderr}`).toBe(1)
      outputs.push([`probe --format ${format}: stdout`, r.stdout])
      outputs.push([`probe --format ${format}: stderr`, r.stderr])
      if (toFile)
        outputs.push([`probe --format ${format} --output FILE`, await readFile(out, 'utf8')])
    }
    // Every token and cookie the double issued during the runs is a canary too.
    const issued = kratos.sessions().flatMap((s) => [s.token, s.logoutToken])
    const extra = [planted.token, plantedCookie, ...issued]
    expect(issued.length).toBeGreaterThan(0)
    for (const [where, text] of outputs) expectNoCanary(text, where, extra)
    expect(outputs.some(([, text]) => text.includes('cors-credentials-origin'))).toBe(true)
  }, 300_000)
})
