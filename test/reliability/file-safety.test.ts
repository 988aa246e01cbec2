// File safety (issue 10): what fix and rotate write goes through writeFileSafely; the original
// is never lost: refusal when the file changed, a backup, atomic replace, symlinks written through.
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256, writeFileSafely } from '../../packages/aegis/src/fix/safe-write.ts'
import { runAegis } from '../support/cli.ts'

let dir = ''
let n = 0
const original = 'session:\n  lifespan: 24h\n'
const fresh = async (): Promise<string> => {
  const d = join(dir, String(n++))
  await mkdir(d)
  await writeFile(join(d, 'kratos.yml'), original)
  return d
}
const leftovers = async (d: string): Promise<string[]> =>
  (await readdir(d)).filter((f) => f.endsWith('.tmp'))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aegis-files-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeFileSafely', () => {
  it('refuses when the file changed since it was read, and leaves it and no temp file', async () => {
    const d = await fresh()
    const file = join(d, 'kratos.yml')
    await writeFile(file, `${original}# edited meanwhile\n`)
    await expect(
      writeFileSafely(file, 'x: 1\n', { expectedHash: sha256(original) }),
    ).rejects.toMatchObject({ code: 'AEGIS_FILE_CHANGED' })
    expect(await readFile(file, 'utf8')).toBe(`${original}# edited meanwhile\n`)
    expect(await leftovers(d)).toEqual([])
  })

  it('refuses to create a file that appeared meanwhile (expected absent)', async () => {
    const d = await fresh()
    await expect(
      writeFileSafely(join(d, 'kratos.yml'), 'x: 1\n', { expectedHash: null }),
    ).rejects.toMatchObject({ code: 'AEGIS_FILE_CHANGED' })
    expect(await readFile(join(d, 'kratos.yml'), 'utf8')).toBe(original)
  })

  it('keeps the original as a backup and the file mode', async () => {
    const d = await fresh()
    const file = join(d, 'kratos.yml')
    await chmod(file, 0o640)
    await writeFileSafely(file, 'session:\n  lifespan: 1h\n', { expectedHash: sha256(original) })
    expect(await readFile(file, 'utf8')).toBe('session:\n  lifespan: 1h\n')
    expect(await readFile(`${file}.aegis.bak`, 'utf8')).toBe(original)
    expect((await stat(file)).mode & 0o777).toBe(0o640)
    expect(await leftovers(d)).toEqual([])
  })

  it('of two concurrent writers from the same read, the file ends whole (one or the other)', async () => {
    const d = await fresh()
    const file = join(d, 'kratos.yml')
    const a = `a: ${'1'.repeat(100_000)}\n`
    const b = `b: ${'2'.repeat(100_000)}\n`
    await Promise.allSettled([
      writeFileSafely(file, a, { expectedHash: sha256(original) }),
      writeFileSafely(file, b, { expectedHash: sha256(original) }),
    ])
    expect([a, b]).toContain(await readFile(file, 'utf8'))
    expect(await leftovers(d)).toEqual([])
  })

  it('writes through a symlink to its target and keeps the link', async () => {
    const d = await fresh()
    await mkdir(join(d, 'shared'))
    await writeFile(join(d, 'shared', 'real.yml'), original)
    await symlink(join('shared', 'real.yml'), join(d, 'linked.yml'))
    await writeFileSafely(join(d, 'linked.yml'), 'x: 2\n', { expectedHash: sha256(original) })
    expect((await lstat(join(d, 'linked.yml'))).isSymbolicLink()).toBe(true)
    expect(await readFile(join(d, 'shared', 'real.yml'), 'utf8')).toBe('x: 2\n')
    expect(await readFile(join(d, 'shared', 'real.yml.aegis.bak'), 'utf8')).toBe(original)
  })
})

describe('aegis rotate writes', () => {
  it('rotates in place with a backup of the original', async () => {
    const d = await fresh()
    const config = 'secrets:\n  cookie:\n    - an-old-cookie-secret-of-some-length\n'
    await writeFile(join(d, 'kratos.yml'), config)
    const r = await runAegis(['rotate', 'kratos.yml'], { cwd: d, timeoutMs: 60_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(await readFile(join(d, 'kratos.yml.aegis.bak'), 'utf8')).toBe(config)
    const after = await readFile(join(d, 'kratos.yml'), 'utf8')
    expect(after).toMatch(/cookie:\n {4}- \S+\n {4}- an-old-cookie-secret-of-some-length\n/)
    expect(r.stdout + r.stderr).not.toContain(after.split('\n')[2]?.slice(6) ?? 'none')
  }, 90_000)
})
