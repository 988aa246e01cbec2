import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AegisError } from '../errors.ts'
import { jsonProblem } from './json-error.ts'
import { checkStrictJson } from './yaml-source.ts'

const secret = 's3cr3t-p4ssword-value'

describe('jsonProblem', () => {
  it('agrees with JSON.parse on what is JSON (valid documents and mangled ones)', () => {
    const mangle = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', "'", 'x', '"', '\\'))
    fc.assert(
      fc.property(mangle, ([text, at, insert]) => {
        const i = text.length === 0 ? 0 : at % (text.length + 1)
        const candidate = text.slice(0, i) + insert + text.slice(i)
        let parses = true
        try {
          JSON.parse(candidate)
        } catch {
          parses = false
        }
        const problem = jsonProblem(candidate)
        expect(problem === undefined).toBe(parses)
        if (problem !== undefined) expect(problem.offset).toBeLessThanOrEqual(candidate.length)
      }),
      { numRuns: 500 },
    )
  })

  it('names the position and a reason for the usual mistakes', () => {
    expect(jsonProblem('{"a": 1,}')).toEqual({
      offset: 8,
      reason: 'expected a double-quoted property name',
    })
    expect(jsonProblem("{'a': 1}")?.reason).toBe('expected a double-quoted property name')
    expect(jsonProblem('[1 2]')).toEqual({
      offset: 3,
      reason: "expected ',' or ']' after the array element",
    })
    expect(jsonProblem('{"a": "b"')?.reason).toBe("expected ',' or '}' after the property value")
    expect(jsonProblem('{} x')?.reason).toBe('unexpected text after the JSON value')
    expect(jsonProblem('"\\q"')?.reason).toBe('bad escape in a string')
  })

  it('reads a number of any length whole (JSON.parse does), so a later error keeps its place', () => {
    expect(jsonProblem(`[${'1'.repeat(500)}, x]`)).toEqual({
      offset: 503,
      reason: 'unexpected character',
    })
  })
})

describe('checkStrictJson', () => {
  it('never quotes the input (V8 on Node 20 puts the characters around the error in its message)', () => {
    const text = `{\n  "secrets": {\n    "cookie": [${secret}]\n  }\n}\n`
    let caught: unknown
    try {
      checkStrictJson(text, 'kratos.json')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(AegisError)
    const error = caught as AegisError
    expect(error.message).toBe('not valid JSON: unexpected character')
    expect(error.position).toEqual({ file: 'kratos.json', line: 3, column: 16 })
    for (const piece of [secret, 's3cr3t', 'p4ss'])
      expect(JSON.stringify(error)).not.toContain(piece)
  })
})
