import { describe, expect, it } from 'vitest'
import { parseEnvFile } from './env-file.ts'
import { parseKratosArgs, splitCommand } from './flags.ts'
import { interpolate } from './interpolate.ts'

describe('compose interpolation', () => {
  const vars = new Map([
    ['SET', 'value'],
    ['EMPTY', ''],
  ])
  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${SET:+alt}', 'alt'],
    ['${UNSET:+alt}', ''],
    ['$${SET}', '${SET}'],
    ['a$$b', 'a$b'],
    ['${UNSET:-${SET}}', 'value'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, vars)).toEqual({ value: expected, missing: [] })
  })
  it('reports variables that are needed but not given', () => {
    expect(interpolate('${UNSET:?must be set}', vars).missing).toEqual(['UNSET'])
    expect(interpolate('postgres://u:${PW}@db', vars)).toEqual({
      value: 'postgres://u:@db',
      missing: ['PW'],
    })
  })
})

describe('Kratos command lines', () => {
  it('splits a command string like a shell', () => {
    expect(splitCommand(`serve -c "/a b/k.yml" --dev 'x y'`)).toEqual([
      'serve',
      '-c',
      '/a b/k.yml',
      '--dev',
      'x y',
    ])
  })
  it('reads -c and --config, repeated, comma lists and glued forms, and --dev', () => {
    const r = parseKratosArgs([
      'serve',
      '-c',
      '/a.yml,/b.yml',
      '--config=/c.yml',
      '-c/d.yml',
      '--config',
      '/e.yml',
      '--dev',
      '--watch-courier',
    ])
    expect(r.configFiles).toEqual(['/a.yml', '/b.yml', '/c.yml', '/d.yml', '/e.yml'])
    expect(r.keys).toEqual([{ path: 'dev', value: true, flag: '--dev' }])
    expect(parseKratosArgs(['--dev=false']).keys[0]?.value).toBe(false)
  })
})

describe('.env files', () => {
  it('reads export, quotes, comments and multi-line double-quoted values with positions', () => {
    const lines = parseEnvFile(
      '# c\nexport A=1\nB = "two words" \nC=\'$lit\'\nD=plain # comment\nE="multi\nline"\nF=\n',
      '.env',
    )
    expect(lines.map((l) => [l.name, l.value, l.location.line])).toEqual([
      ['A', '1', 2],
      ['B', 'two words', 3],
      ['C', '$lit', 4],
      ['D', 'plain', 5],
      ['E', 'multi\nline', 6],
      ['F', '', 8],
    ])
  })
  it('rejects a line that is not NAME=value with its position', () => {
    expect(() => parseEnvFile('A=1\nnot a pair\n', 'x.env')).toThrow(
      expect.objectContaining({
        code: 'AEGIS_PARSE',
        position: { file: 'x.env', line: 2, column: 1 },
      }),
    )
  })
})
