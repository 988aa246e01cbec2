import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runAegis } from '../../../../test/support/cli.ts'
import { decodeSessionCookie, encodeSessionCookie } from './securecookie.ts'

const oldSecret = 'PLEASE-CHANGE-ME-I-AM-VERY-INSECURE'
const config = `# Kratos config (comments must survive)
version: v26.2.0
dsn: memory
session:
  lifespan: 24h # one day
secrets:
  cookie:
    - ${oldSecret} # the quickstart placeholder
  cipher: ["32-LONG-SECRET-NOT-SECURE-AT-ALL"]
selfservice:
  default_browser_return_url: http://127.0.0.1:4455/
`

const setup = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-rotate-'))
  await writeFile(join(dir, 'kratos.yml'), config)
  return dir
}
const secretsIn = async (dir: string): Promise<string[]> => {
  const tree = parse(await readFile(join(dir, 'kratos.yml'), 'utf8')) as {
    secrets: { cookie: string[] }
  }
  return tree.secrets.cookie
}

describe('aegis rotate --output config', () => {
  it('puts a new secret first, keeps the old one and every comment, records no secret', async () => {
    const dir = await setup()
    const r = await runAegis(['rotate', 'kratos.yml', '--at', '2026-01-01T00:00:00Z'], { cwd: dir })
    expect(r.code).toBe(0)
    const secrets = await secretsIn(dir)
    expect(secrets).toHaveLength(2)
    expect(secrets[1]).toBe(oldSecret)
    const [added] = secrets
    expect(added).toMatch(/^[A-Za-z0-9_-]{48}$/)
    const text = await readFile(join(dir, 'kratos.yml'), 'utf8')
    expect(text).toContain('# the quickstart placeholder')
    expect(text).toContain('lifespan: 24h # one day')
    expect(text.replace(`    - ${added ?? ''}\n`, '')).toBe(config)
    expect(await readFile(join(dir, 'kratos.yml.aegis.bak'), 'utf8')).toBe(config)
    // Nothing printed or recorded holds a secret.
    expect(r.stdout).toContain(' cipher: [') // a context line is shown…
    expect(r.stdout).not.toContain('32-LONG-SECRET-NOT-SECURE-AT-ALL') // …with its secret hidden
    for (const out of [
      r.stdout,
      r.stderr,
      await readFile(join(dir, '.aegis-rotation.json'), 'utf8'),
    ]) {
      expect(out).not.toContain(added)
      expect(out).not.toContain(oldSecret)
    }
    expect(r.stdout).toMatch(/^\+ {4}- \[redacted: new secret sha256:[0-9a-f]{16}, 48 chars\]$/m)

    // A cookie issued under the old secret still decodes with the rotated list.
    const cookie = encodeSessionCookie({
      name: 'ory_kratos_session',
      secret: oldSecret,
      values: { session_token: 'ory_st_x', nonce: 'n' },
      now: new Date('2026-01-01T00:00:00Z'),
    })
    const inspect = await runAegis(
      ['cookie', 'inspect', cookie, '--secrets-from', 'kratos.yml', '--at', '2026-01-01T01:00:00Z'],
      { cwd: dir },
    )
    expect(inspect.stdout).toMatch(/decoded by\s+secrets\.cookie\[1\] \(of 2\)/)

    // --check: the new secret is young; 100 days later it is due (exit 1).
    const young = await runAegis(
      ['rotate', 'kratos.yml', '--check', '--at', '2026-01-02T00:00:00Z'],
      { cwd: dir },
    )
    expect(young.code).toBe(0)
    const due = await runAegis(
      ['rotate', 'kratos.yml', '--check', '--at', '2026-04-11T00:00:00Z'],
      { cwd: dir },
    )
    expect(due.code).toBe(1)
    expect(due.stdout).toMatch(/rotation due/)

    // Rotating again after the retention (24h lifespan + 1h grace) prunes the placeholder.
    const again = await runAegis(['rotate', 'kratos.yml', '--at', '2026-01-03T00:00:00Z'], {
      cwd: dir,
    })
    expect(again.code).toBe(0)
    const after = await secretsIn(dir)
    expect(after).toHaveLength(2)
    expect(after[1]).toBe(added)
    expect(after).not.toContain(oldSecret)
    expect(again.stderr).toMatch(/pruned sha256:/)
    const gone = decodeSessionCookie({
      name: 'ory_kratos_session',
      value: cookie,
      secrets: after,
      maxAgeSeconds: 0,
    })
    expect(gone).toMatchObject({ ok: false, reason: 'mac-invalid' })
  }, 90_000)

  it('refuses to write a secret into a file git tracks unless allowed', async () => {
    const dir = await setup()
    execFileSync('git', ['init', '-q'], { cwd: dir })
    execFileSync('git', ['add', 'kratos.yml'], { cwd: dir })
    const r = await runAegis(['rotate', 'kratos.yml'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/tracked by git/)
    expect(await readFile(join(dir, 'kratos.yml'), 'utf8')).toBe(config)
    const allowed = await runAegis(['rotate', 'kratos.yml', '--allow-secret-in-file'], { cwd: dir })
    expect(allowed.code).toBe(0)
  }, 60_000)
})

describe('aegis rotate where the list comes from the environment', () => {
  it('edits the compose environment entry, as a JSON array (FACTS.md §3)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aegis-rotate-compose-'))
    const compose = `services:\n  kratos:\n    image: oryd/kratos:v26.2.0\n    environment:\n      - DSN=memory\n      - SECRETS_COOKIE=${oldSecret} # from the quickstart\n`
    await writeFile(join(dir, 'docker-compose.yml'), compose)
    const r = await runAegis(['rotate', 'docker-compose.yml'], { cwd: dir })
    expect(r.code).toBe(0)
    const text = await readFile(join(dir, 'docker-compose.yml'), 'utf8')
    const env = (parse(text) as { services: { kratos: { environment: string[] } } }).services.kratos
      .environment
    const value = env[1]?.replace(/^SECRETS_COOKIE=/, '') ?? ''
    expect(JSON.parse(value)).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{48}$/), oldSecret])
    expect(text).toContain('# from the quickstart')
    expect(r.stdout + r.stderr).not.toContain(oldSecret)
  }, 60_000)
})

describe('aegis rotate diffs', () => {
  it('masks the compose lines around the edit that hold secrets aegis does not know', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aegis-rotate-context-'))
    // POSTGRES_PASSWORD is no Kratos setting, so no view value hides it; it sits in the context.
    const compose = `services:\n  kratos:\n    image: oryd/kratos:v26.2.0\n    environment:\n      - POSTGRES_PASSWORD=canary-rot-pg-5Tq\n      - SECRETS_COOKIE=${oldSecret}\n`
    await writeFile(join(dir, 'docker-compose.yml'), compose)
    const r = await runAegis(['rotate', 'docker-compose.yml', '--dry-run'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^ {7}- POSTGRES_PASSWORD=\[redacted\]$/m)
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/canary/)
  }, 60_000)
})

describe('aegis rotate --output env / k8s-secret', () => {
  it('previews redacted without --reveal and records nothing', async () => {
    const dir = await setup()
    const r = await runAegis(['rotate', 'kratos.yml', '--output', 'env'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /^SECRETS_COOKIE='\["\[redacted: new secret sha256:[0-9a-f]{16}, 48 chars\]","\[redacted: secret sha256:[0-9a-f]{16}\]"\]'$/m,
    )
    expect(r.stdout).not.toContain(oldSecret)
    await expect(stat(join(dir, '.aegis-rotation.json'))).rejects.toThrow()
  })

  it('prints the JSON array with --reveal, and writes a 0600 Secret manifest with --write-to', async () => {
    const dir = await setup()
    const env = await runAegis(['rotate', 'kratos.yml', '--output', 'env', '--reveal'], {
      cwd: dir,
    })
    const json = /^SECRETS_COOKIE='(.*)'$/m.exec(env.stdout)?.[1] ?? ''
    expect(JSON.parse(json)).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{48}$/), oldSecret])
    const k8s = await runAegis(
      [
        'rotate',
        'kratos.yml',
        '--output',
        'k8s-secret',
        '--purpose',
        'cipher',
        '--write-to',
        'secret.yaml',
      ],
      { cwd: dir },
    )
    expect(k8s.code).toBe(0)
    const manifest = parse(await readFile(join(dir, 'secret.yaml'), 'utf8')) as {
      kind: string
      stringData: Record<string, string>
    }
    expect(manifest.kind).toBe('Secret')
    const cipher = JSON.parse(manifest.stringData['SECRETS_CIPHER'] ?? '[]') as string[]
    expect(cipher[0]).toHaveLength(32)
    expect(cipher[1]).toBe('32-LONG-SECRET-NOT-SECURE-AT-ALL')
    expect((await stat(join(dir, 'secret.yaml'))).mode & 0o777).toBe(0o600)
    expect(k8s.stdout).not.toContain(cipher[0])
  }, 60_000)
})
