/**
 * Differential test of the memoized view (view.ts) against the direct reading of the merged tree
 * it replaced: every answer of get/has/isExternal/origin equals a fresh `lookup` from the root,
 * for random trees merged from several layers (externals, arrays, odd keys) and random paths.
 */
import fc from 'fast-check'
import { configTrees } from '../../../../test/support/config-trees.ts'
import { describe, expect, it } from 'vitest'
import { configLayer } from './config-file.ts'
import { emptyMerged, layerFromAssignments, mergeLayer, type Merged } from './layer.ts'
import { isRecord, leafPaths, lookup, splitPath, withoutExternals } from './tree.ts'
import type { ValueOrigin } from './types.ts'
import { createView, defaultOrigin } from './view.ts'

/**
 * A stand-in for schema defaults. None under a leading empty segment (`.b`): the old walk read
 * the prefix `''` as the root there, the new one as the key `''`, and the Kratos model has no key
 * named `''`, so no real default can tell the two apart.
 */
const defaultValue = (path: string): unknown =>
  path.endsWith('b') && !path.startsWith('.') ? `default of ${path}` : undefined

/** The answers as the view gave them before memoization: each one walked from the root. */
const reference = (merged: Merged) => {
  const plain = withoutExternals(merged.tree)
  const originOf = (path: string): ValueOrigin => {
    const segments = splitPath(path)
    for (let n = segments.length; n > 0; n--) {
      const origin = merged.origins.get(segments.slice(0, n).join('.'))
      if (origin !== undefined) {
        if (n === segments.length) return origin
        const at = lookup(merged.tree, segments.slice(0, n).join('.'))
        return Array.isArray(at.value) || at.external ? origin : defaultOrigin
      }
    }
    return defaultOrigin
  }
  const get = (path: string): unknown => {
    const found = lookup(merged.tree, path)
    if (found.external) return undefined
    if (found.found) return lookup(plain, path).value
    const segments = splitPath(path)
    for (let n = segments.length - 1; n > 0; n--) {
      const parent = lookup(merged.tree, segments.slice(0, n).join('.'))
      if (parent.found) {
        if (!isRecord(parent.value)) return undefined
        break
      }
    }
    return defaultValue(path)
  }
  return {
    get,
    has: (path: string) => lookup(merged.tree, path).found,
    isExternal: (path: string) => lookup(merged.tree, path).external,
    origin: (path: string) => (lookup(merged.tree, path).found ? originOf(path) : defaultOrigin),
  }
}

const key = fc.constantFrom('a', 'b', 'c', '0', '1', '', 'x.y', 'constructor', '__proto__')
const scalar = fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant(null))
const { value, tree } = configTrees(key, scalar)
const assignment = fc.record({
  path: fc.array(key, { minLength: 1, maxLength: 3 }).map((s) => s.join('.')),
  value,
})
const origin = (via: string): ValueOrigin => ({ kind: 'env', location: null, via })

/** Paths that exist, their parents and children, and a few that never do. */
const pathsOf = (merged: Merged): string[] => {
  const out = new Set(['', '.', '.a', 'a..b', 'a.', 'z', 'a.b.c.d'])
  for (const leaf of leafPaths(merged.tree)) {
    const segments = leaf.split('.')
    for (let n = 0; n <= segments.length; n++) {
      const p = segments.slice(0, n).join('.')
      for (const suffix of ['', '.0', '.1', '.b', '.x', '.']) out.add(`${p}${suffix}`)
    }
  }
  return [...out]
}

describe('ConfigView (property): memoized answers equal a fresh walk from the root', () => {
  it(
    'get, has, isExternal and origin agree for random layers and paths',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(tree, fc.array(assignment, { maxLength: 4 }), tree, (file, flags, override) => {
          const merged = emptyMerged()
          mergeLayer(merged, configLayer({ tree: file, positions: new Map() }, 'kratos.yml'))
          mergeLayer(
            merged,
            layerFromAssignments(
              'flags',
              flags.map((f) => ({ ...f, origin: origin('flag') })),
            ),
          )
          mergeLayer(merged, configLayer({ tree: override, positions: new Map() }, 'second.yml'))
          const view = createView({
            merged,
            version: 'v26.2',
            versionSource: 'assumed',
            defaultValue,
          })
          const ref = reference(merged)
          const answers = (v: typeof ref) =>
            pathsOf(merged).map((p) => [p, v.has(p), v.isExternal(p), v.get(p), v.origin(p)])
          // Twice, so the second round reads what the first one memoized.
          expect(answers(view)).toEqual(answers(ref))
          expect(answers(view)).toEqual(answers(ref))
        }),
        { numRuns: 200 },
      )
    },
  )
})
