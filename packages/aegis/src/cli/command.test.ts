import { describe, expect, it } from 'vitest'
import { parse, stringFlag, stringFlags } from './command.ts'

describe('stringFlag and stringFlags', () => {
  const options = { name: { type: 'string' }, each: { type: 'string', multiple: true } } as const

  it('read a given string flag and every value of a repeated one', () => {
    const { values } = parse(['--name', 'ada', '--each', 'a', '--each', 'b'], options, 'usage')
    expect(stringFlag(values['name'])).toBe('ada')
    expect(stringFlags(values['each'])).toEqual(['a', 'b'])
  })

  it('read an absent flag as undefined and an absent repeated flag as none', () => {
    const { values } = parse([], options, 'usage')
    expect(stringFlag(values['name'])).toBeUndefined()
    expect(stringFlags(values['each'])).toEqual([])
    expect(stringFlag(true)).toBeUndefined()
  })
})
