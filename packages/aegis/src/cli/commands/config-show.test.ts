import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runAegis, sharedDir } from '../../../../../test/support/cli.ts'

const configs = join(sharedDir, 'kratos/configs')
const fixtures = join(repoRoot, 'test/fixtures/deployments')
const mounted = 'contrib/quickstart/kratos/email-password/kratos.yml'

const temp = (files: Record<string, string | Buffer> = {}): string => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-show-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

/** The Kratos repository layout the quickstart compose files expect (configs/ flattens `/` to `__`). */
const quickstartDir = (): string => {
  const dir = temp()
  for (const name of readdirSync(configs).filter((n) => n.startsWith('quickstart'))) {
    copyFileSync(join(configs, name), join(dir, name))
  }
  mkdirSync(join(dir, mounted, '..'), { recursive: true })
  copyFileSync(join(configs, mounted.replaceAll('/', '__')), join(dir, mounted))
  return dir
}

interface ShowJson {
  kratosVersion: string
  dev: boolean
  entries: {
    path: string
    value: unknown
    external: boolean
    origin: { kind: string; envVar?: string; location: { file: string } | null }
  }[]
}

const entry = (data: ShowJson, path: string) => data.entries.find((e) => e.path === path)

describe('aegis config show', () => {
  const overlays = readdirSync(configs).filter((n) => /^quickstart-.+\.yml$/.test(n))

  it('shows the quickstart compose file with its mounted config, env beating file', async () => {
    const cwd = quickstartDir()
    const r = await runAegis(['config', 'show', 'quickstart.yml', '--format', 'json'], { cwd })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const data = JSON.parse(r.stdout) as ShowJson
    expect(data.kratosVersion).toBe('v26.2')
    expect(data.dev).toBe(true)
    expect(entry(data, 'selfservice.default_browser_return_url')?.origin.location?.file).toBe(
      mounted,
    )
    expect(entry(data, 'dsn')).toMatchObject({
      value: 'sqlite:///var/lib/sqlite/db.sqlite?_fk=true&_journal=WAL',
      origin: { kind: 'compose', envVar: 'DSN', location: { file: 'quickstart.yml' } },
    })
    const text = await runAegis(['config', 'show', 'quickstart.yml'], { cwd })
    expect(text.stdout).toContain(`← file at ${mounted}:`)
    expect(text.stdout).toMatch(
      /← compose DSN at quickstart\.yml:39:\d+ \(compose service kratos\)/,
    )
    expect(text.stdout).not.toContain('PLEASE-CHANGE-ME-I-AM-VERY-INSECURE')
  })

  it.each(overlays)(
    'resolves the mounted config with the override %s and redacts its DSN password',
    async (overlay) => {
      const cwd = quickstartDir()
      const r = await runAegis(['config', 'show', 'quickstart.yml', overlay, '--format', 'json'], {
        cwd,
      })
      expect(r.code).toBe(0)
      const data = JSON.parse(r.stdout) as ShowJson
      expect(entry(data, 'identity.default_schema_id')?.origin.location?.file).toBe(mounted)
      expect(entry(data, 'dsn')?.origin).toMatchObject({
        kind: 'compose',
        location: { file: overlay },
      })
      expect(r.stdout).not.toMatch(/:secret@/)
      const alone = await runAegis(['config', 'show', overlay], { cwd })
      expect(alone.code).toBe(0)
      expect(alone.stdout).toMatch(/no -c config file/)
    },
  )

  it('reads the bundled compose, Kubernetes and Helm fixtures', async () => {
    const compose = await runAegis(
      ['config', 'show', 'compose/docker-compose.yml', '--format', 'json'],
      { cwd: fixtures },
    )
    expect(compose.code).toBe(0)
    const c = JSON.parse(compose.stdout) as ShowJson
    expect(entry(c, 'session.lifespan')).toMatchObject({
      value: '336h',
      origin: { kind: 'compose' },
    })
    expect(entry(c, 'courier.smtp.connection_uri')?.external).toBe(true)
    expect(entry(c, 'dsn')?.origin.location?.file).toBe('compose/kratos.env')
    expect(compose.stdout).not.toContain('fixture-db-password')
    expect(compose.stdout).not.toContain('fixture-compose-cookie')
    const k8s = await runAegis(['config', 'show', 'kubernetes'], { cwd: fixtures })
    expect(k8s.code).toBe(0)
    expect(k8s.stdout).toMatch(/dsn\s+= \(set elsewhere, value unknown\)/)
    expect(k8s.stdout).not.toContain('not-a-real-password')
    expect(k8s.stdout).not.toContain('fixture-cookie-secret')
    const helm = await runAegis(['config', 'show', 'helm/values.yaml'], { cwd: fixtures })
    expect(helm.code).toBe(0)
    expect(helm.stdout).toMatch(/Kratos v26\.2 \(from the image tag\)/)
    expect(helm.stdout).not.toContain('fixture-db-password')
  })

  it('redacts secrets, DSN passwords and tokens, and takes --env and --env-file', async () => {
    const cwd = temp({
      'kratos.yml': [
        'dsn: postgres://kratos:hunter2-password@db:5432/kratos?sslmode=require',
        'secrets:',
        '  cookie: [cookie-secret-value-0001]',
        '  cipher: [cipher-secret-value-0000000000001]',
        'courier:',
        '  smtp:',
        '    connection_uri: smtps://mail:smtp-pass-123@smtp.example.com:465',
        'selfservice:',
        '  default_browser_return_url: https://app.example.com/?t=ory_st_abcdefghijklmnop',
        '',
      ].join('\n'),
      'x.env': 'SESSION_LIFESPAN=5h\n',
    })
    const r = await runAegis(['config', 'show', 'kratos.yml', '--env', '--env-file', 'x.env'], {
      cwd,
      env: { SESSION_COOKIE_NAME: 'from_shell' },
    })
    expect(r.code).toBe(0)
    for (const secret of [
      'hunter2-password',
      'cookie-secret-value',
      'cipher-secret-value',
      'smtp-pass-123',
      'abcdefghijklmnop',
    ]) {
      expect(r.stdout).not.toContain(secret)
    }
    expect(r.stdout).toContain('postgres://kratos:[redacted]@db:5432/kratos?sslmode=require')
    expect(r.stdout).toMatch(
      /session\.lifespan\s+= "5h"\n\s+← env SESSION_LIFESPAN at x\.env:1:18\n/,
    )
    expect(r.stdout).toMatch(
      /session\.cookie\.name\s+= "from_shell"\n\s+← env SESSION_COOKIE_NAME \(process environment\)/,
    )
  })

  it('lists schema defaults with --defaults, marked as such', async () => {
    const cwd = temp({ 'k.yml': 'session:\n  cookie:\n    name: mine\n' })
    const r = await runAegis(['config', 'show', 'k.yml', '--defaults', '--format', 'json'], { cwd })
    expect(r.code).toBe(0)
    const data = JSON.parse(r.stdout) as ShowJson
    expect(entry(data, 'session.lifespan')).toMatchObject({
      value: '24h',
      origin: { kind: 'default' },
    })
    expect(entry(data, 'session.cookie.name')).toMatchObject({
      value: 'mine',
      origin: { kind: 'file' },
    })
    expect(data.entries.filter((e) => e.path === 'session.cookie.name')).toHaveLength(1)
  })

  it('rejects an unknown subcommand, format or version with one line and exit 2', async () => {
    const bad = await runAegis(['config', 'frob'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/unknown subcommand 'config frob' \(AEGIS_USAGE\)/)
    const cwd = temp({ 'k.yml': 'dsn: memory\n' })
    const version = await runAegis(['config', 'show', 'k.yml', '--kratos-version', 'v9'], { cwd })
    expect(version.code).toBe(2)
    expect(version.stderr).toMatch(/AEGIS_VERSION_UNKNOWN/)
    const format = await runAegis(['config', 'show', 'k.yml', '--format', 'xml'], { cwd })
    expect(format.code).toBe(2)
  })
})
