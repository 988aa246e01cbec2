import { describe, expect, it } from 'vitest'
import { codeFrame, frameLines } from './code-frame.ts'

describe('code frames', () => {
  const text = 'a: 1\nsession:\n  lifespan: 720h\n  cookie:\n    persistent: true\nnext: 2\n'

  it('marks the location lines with one line of context and a caret', () => {
    expect(codeFrame(text, { file: 'k', line: 3, column: 13 })).toEqual([
      '  2 | session:',
      '> 3 |   lifespan: 720h',
      '    |             ^',
      '  4 |   cookie:',
    ])
  })

  it('does not count the next line a YAML range ends on (column 1)', () => {
    const marked = frameLines(text, { file: 'k', line: 4, column: 3, endLine: 6, endColumn: 1 })
      .filter((l) => l.marked)
      .map((l) => l.number)
    expect(marked).toEqual([4, 5])
  })
})
