import { execFileSync } from 'node:child_process'
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
    expect(r.stdout).toContain('postgres://kratos:********@db:5432/kratos?sslmode=require')
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

describe('aegis config show on bad input', () => {
  const deep = (n: number): string =>
    `${'a:\n'.split('\n')[0]}${Array.from({ length: n }, (_, i) => `\n${'  '.repeat(i + 1)}k${i}:`).join('')} 1\n`
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'
      .split('')
      .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    '',
  ].join('\n')
  const cases: [string, Record<string, string | Buffer>, string, RegExp][] = [
    [
      'invalid YAML',
      { 'k.yml': 'session:\n  lifespan: [1h\n' },
      'k.yml',
      /^aegis: k\.yml:\d+:\d+: .+ \(AEGIS_PARSE\)\n/,
    ],
    [
      'invalid JSON',
      { 'k.json': '{"session": {"lifespan": "1h",}}' },
      'k.json',
      /^aegis: k\.json:1:\d+: .+ \(AEGIS_PARSE\)\n/,
    ],
    [
      'invalid TOML',
      { 'k.toml': '[session]\nlifespan = \n' },
      'k.toml',
      /^aegis: k\.toml:2:\d+: .+ \(AEGIS_PARSE\)\n/,
    ],
    [
      'a duplicate key',
      { 'k.yml': 'dsn: a\nsession: {}\ndsn: b\n' },
      'k.yml',
      /^aegis: k\.yml:3:1: Map keys must be unique \(AEGIS_DUPLICATE_KEY\)\n/,
    ],
    [
      'a TOML duplicate key',
      { 'k.toml': 'dsn = "a"\ndsn = "b"\n' },
      'k.toml',
      /^aegis: k\.toml:2:1: .+ \(AEGIS_DUPLICATE_KEY\)\n/,
    ],
    [
      'a billion-laughs alias bomb',
      { 'k.yml': bomb },
      'k.yml',
      /^aegis: k\.yml: YAML aliases expand more than 100 times.* \(AEGIS_ALIAS_LIMIT\)\n/,
    ],
    [
      'deep block nesting',
      { 'k.yml': deep(200) },
      'k.yml',
      /^aegis: k\.yml: values nest deeper than 64 levels \(AEGIS_TOO_DEEP\)\n/,
    ],
    [
      'deep flow nesting',
      { 'k.json': `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}` },
      'k.json',
      /^aegis: k\.json:1:\d+: .+ \(AEGIS_TOO_DEEP\)\n/,
    ],
    [
      'a binary file',
      { 'k.yml': Buffer.from([0x64, 0x73, 0x6e, 0x3a, 0x00, 0x01]) },
      'k.yml',
      /^aegis: k\.yml: the file contains a NUL byte at offset 4 \(AEGIS_FILE_BINARY\)\n/,
    ],
    [
      'invalid UTF-8',
      { 'k.yml': Buffer.from([0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) },
      'k.yml',
      /^aegis: k\.yml: the file is not valid UTF-8 text \(AEGIS_FILE_BINARY\)\n/,
    ],
    [
      'a missing file',
      {},
      'nope.yml',
      /^aegis: nope\.yml: no such file or directory \(AEGIS_FILE_NOT_FOUND\)\n/,
    ],
    [
      'a scalar document',
      { 'k.yml': 'just text\n' },
      'k.yml',
      /^aegis: k\.yml:1:1: the top level must be a mapping of keys \(AEGIS_PARSE\)\n/,
    ],
  ]

  it.each(cases)(
    '%s: one line naming the file, exit 2, no stack',
    async (_, files, input, expected) => {
      const cwd = temp(files)
      const r = await runAegis(['config', 'show', input], { cwd })
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(expected)
      expect(r.stderr).not.toMatch(/\n\s+at /)
      expect(r.stdout).toBe('')
    },
  )

  it('refuses a 50 MB file without reading it', async () => {
    const cwd = temp()
    writeFileSync(join(cwd, 'big.yml'), Buffer.alloc(50 * 1024 * 1024, 0x61))
    const r = await runAegis(['config', 'show', 'big.yml'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^aegis: big\.yml: the file has 52428800 bytes; the limit is 5242880 \(AEGIS_FILE_TOO_LARGE\)\n/,
    )
  })

  it('refuses a directory of thousands of files', async () => {
    const cwd = temp()
    mkdirSync(join(cwd, 'many'))
    for (let i = 0; i < 2000; i++) writeFileSync(join(cwd, 'many', `m${i}.yaml`), '')
    const r = await runAegis(['config', 'show', 'many'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^aegis: .*many: the directory holds 2000 entries; the limit is 500 \(AEGIS_TOO_MANY_FILES\)\n/,
    )
  })

  it('does not hang on a FIFO and names it unreadable', async () => {
    const cwd = temp()
    execFileSync('mkfifo', [join(cwd, 'pipe.yml')])
    const r = await runAegis(['config', 'show', 'pipe.yml'], { cwd, timeoutMs: 10_000 })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^aegis: pipe\.yml: not a regular file \(AEGIS_FILE_UNREADABLE\)\n/)
  })
})
