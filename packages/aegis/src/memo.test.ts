import { describe, expect, it } from 'vitest'
import { memoByText } from './memo.ts'

describe('memoByText', () => {
  it('computes each text once, undefined and null answers included', () => {
    const calls: string[] = []
    const f = memoByText((t) => {
      calls.push(t)
      return t === 'u' ? undefined : t === 'n' ? null : t.length
    }, 10)
    for (const t of ['ab', 'u', 'n', 'ab', 'u', 'n']) f(t)
    expect(calls).toEqual(['ab', 'u', 'n'])
    expect([f('ab'), f('u'), f('n')]).toEqual([2, undefined, null])
  })

  it('keeps at most `limit` answers and still answers every text past it', () => {
    const calls: string[] = []
    const f = memoByText((t) => {
      calls.push(t)
      return `${t}!`
    }, 2)
    expect(['a', 'b', 'c', 'a', 'b', 'c'].map(f)).toEqual(['a!', 'b!', 'c!', 'a!', 'b!', 'c!'])
    // 'a' and 'b' were kept; 'c' came past the limit and is computed each time.
    expect(calls).toEqual(['a', 'b', 'c', 'c'])
  })
})
