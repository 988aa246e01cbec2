// Hostile inputs the loader tests do not already cover: symlink loops in directory scans and
// compose interpolation tricks. Each is bounded and ends in a clear result, never a hang.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAegis } from '../support/cli.ts'

const root = mkdtempSync(join(tmpdir(), 'aegis-hostile-'))
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

const config = [
  'version: v26.2.0',
  'dsn: memory',
  'selfservice:',
  '  default_browser_return_url: https://app.example.com/',
  '',
].join('\n')

describe('symlinks in directory scans', () => {
  it('does not follow a directory loop, and still reads the real file', async () => {
    const dir = join(root, 'loop')
    mkdirSync(dir)
    writeFileSync(join(dir, 'kratos.yml'), config)
    symlinkSync('..', join(dir, 'up'))
    symlinkSync('.', join(dir, 'here'))
    const r = await runAegis(['config', 'show', dir, '--format', 'json'], { timeoutMs: 20_000 })
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('https://app.example.com/')
  })

  it('reports a self-referencing file link in one line with exit code 2', async () => {
    const dir = join(root, 'self')
    mkdirSync(dir)
    symlinkSync('kratos.yml', join(dir, 'kratos.yml'))
    const r = await runAegis(['config', 'validate', join(dir, 'kratos.yml')], { timeoutMs: 20_000 })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')[0]).toMatch(
      /^aegis: .*kratos\.yml: .*\(AEGIS_FILE_[A-Z_]+\)$/,
    )
  })
})

describe('compose interpolation tricks', () => {
  const compose = (environment: string[]) =>
    [
      'services:',
      '  kratos:',
      '    image: oryd/kratos:v26.2.0',
      '    command: serve -c /etc/config/kratos/kratos.yml',
      '    volumes:',
      '      - ./kratos.yml:/etc/config/kratos/kratos.yml',
      '    environment:',
      ...environment.map((e) => `      - ${JSON.stringify(e)}`),
      '',
    ].join('\n')

  it.each([
    ['escaped dollars stay literal', 'SESSION_LIFESPAN=$${NOT_A_VAR}'],
    ['nested defaults', 'SESSION_LIFESPAN=${A:-${B:-${C:-1h}}}'],
    ['an unterminated reference', 'SESSION_LIFESPAN=${UNTERMINATED'],
    ['a very long default', `SESSION_LIFESPAN=\${X:-${'9'.repeat(100_000)}h}`],
    ['a required variable that is missing', 'SESSION_LIFESPAN=${MISSING:?must be set}'],
    ['a reference to itself', 'SESSION_LIFESPAN=${SESSION_LIFESPAN}'],
  ])('%s: bounded, one result, no stack', async (_name, entry) => {
    const dir = mkdtempSync(join(root, 'compose-'))
    writeFileSync(join(dir, 'kratos.yml'), config)
    writeFileSync(join(dir, 'docker-compose.yml'), compose([entry]))
    const r = await runAegis(
      ['config', 'show', join(dir, 'docker-compose.yml'), '--format', 'json'],
      {
        timeoutMs: 20_000,
      },
    )
    expect([0, 2]).toContain(r.code)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    if (r.code === 2) expect(r.stderr.trim().split('\n')[0]).toMatch(/^aegis: .*\(AEGIS_[A-Z_]+\)$/)
    else expect(() => JSON.parse(r.stdout) as unknown).not.toThrow()
  })
})
