/**
 * Differential test of originsFor's on-demand reading (config-file.ts): the origin `get` finds
 * for one path equals the entry of the whole map (the walk over every node), for random trees
 * with odd keys (empty, dotted, `__proto__`), arrays, externals and random positions.
 */
import fc from 'fast-check'
import { configTrees } from '../../../../test/support/config-trees.ts'
import { describe, expect, it } from 'vitest'
import type { SourceLocation } from '../engine/finding.ts'
import { originsFor } from './config-file.ts'
import { leafPaths, type Tree } from './tree.ts'

const key = fc.constantFrom('a', 'b', '0', '1', '', 'x.y', '__proto__')
const scalar = fc.oneof(fc.string({ maxLength: 2 }), fc.integer(), fc.constant(null))
const { tree } = configTrees(key, scalar)

/** Every prefix of every leaf path, with a few paths that name no node. */
const pathsOf = (t: Tree): string[] => {
  const out = new Set(['', '.', 'a.', '.a', 'a..b', 'a.00', 'z'])
  for (const leaf of leafPaths(t)) {
    const segments = leaf.split('.')
    for (let n = 0; n <= segments.length; n++) {
      const p = segments.slice(0, n).join('.')
      for (const suffix of ['', '.0', '.b', '.']) out.add(`${p}${suffix}`)
    }
  }
  return [...out]
}

const location = (line: number): SourceLocation => ({ file: 'kratos.yml', line, column: 1 })

describe('originsFor (property): one path on demand equals the whole map', () => {
  it('get and has agree with the walked map, with and without positions', () => {
    fc.assert(
      fc.property(tree, fc.array(fc.nat(6), { maxLength: 12 }), (t, picks) => {
        const paths = pathsOf(t)
        // Some paths positioned, one of them twice with the same location object.
        const positions = new Map<string, SourceLocation>()
        const shared = location(1)
        picks.forEach((pick, i) => {
          const path = paths[(pick * 7 + i) % paths.length] as string
          positions.set(path, pick % 3 === 0 ? shared : location(i + 2))
        })
        for (const at of [positions, new Map<string, SourceLocation>()]) {
          const lazy = originsFor(t, at, { kind: 'file' }, location(99))
          const whole = new Map(originsFor(t, at, { kind: 'file' }, location(99)))
          for (const p of paths) {
            expect(lazy.get(p), p).toEqual(whole.get(p))
            expect(lazy.has(p), p).toBe(whole.has(p))
          }
          // Asked twice, a path gives the same object.
          for (const p of paths) expect(lazy.get(p)).toBe(lazy.get(p))
          expect(new Map(lazy)).toEqual(whole)
        }
      }),
      { numRuns: 300 },
    )
  })
})
