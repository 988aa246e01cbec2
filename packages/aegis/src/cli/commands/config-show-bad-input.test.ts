import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAegis } from '../../../../../test/support/cli.ts'

const temp = (files: Record<string, string | Buffer> = {}): string => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-bad-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

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
      'an alias without its anchor (QA N15: not an alias-limit error)',
      { 'k.yml': 'dsn: memory\nsession: *nowhere\n' },
      'k.yml',
      /^aegis: k\.yml:2:10: unresolved YAML alias: no anchor \(&name\) of that name is defined before it \(AEGIS_PARSE\)\n/,
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
