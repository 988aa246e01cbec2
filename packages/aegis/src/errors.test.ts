import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AegisError, errorCodes } from './errors.ts'

describe('AegisError', () => {
  it('prints file, line and column before the message and the code after it', () => {
    const e = new AegisError('AEGIS_PARSE', 'unexpected end of flow', {
      position: { file: 'kratos.yml', line: 3, column: 7 },
    })
    expect(e.toLine()).toBe('kratos.yml:3:7: unexpected end of flow (AEGIS_PARSE)')
  })

  it('omits the parts of the position it does not have', () => {
    expect(
      new AegisError('AEGIS_FILE_NOT_FOUND', 'no such file', {
        position: { file: 'a.yml' },
      }).toLine(),
    ).toBe('a.yml: no such file (AEGIS_FILE_NOT_FOUND)')
    expect(new AegisError('AEGIS_USAGE', 'bad flag').toLine()).toBe('bad flag (AEGIS_USAGE)')
  })

  it('documents every code in docs/errors.md and nothing else', () => {
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')
    const documented = [...doc.matchAll(/^\| `(AEGIS_[A-Z_]+)` \|/gm)].map((m) => m[1])
    expect(documented.sort()).toEqual(Object.keys(errorCodes).sort())
  })
})
