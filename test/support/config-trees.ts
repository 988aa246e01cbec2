/**
 * Random configuration trees for property tests of the config layer: nested objects and arrays
 * over a given set of keys (odd ones included by the caller: '', 'x.y', '__proto__'), scalars
 * and external values, small enough to check exhaustively.
 */
import fc from 'fast-check'
import { ExternalValue } from '../../packages/aegis/src/config/tree.ts'

export interface TreeArbitraries {
  /** Any node: a scalar, an external value, an array or an object. */
  readonly value: fc.Arbitrary<unknown>
  /** A top-level mapping of up to four keys. */
  readonly tree: fc.Arbitrary<Record<string, unknown>>
}

export const configTrees = (
  key: fc.Arbitrary<string>,
  scalar: fc.Arbitrary<unknown>,
): TreeArbitraries => {
  const value = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.constant(new ExternalValue('secretKeyRef')),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(key, tie('node'), { maxKeys: 3 }),
    ),
  })).node
  return { value, tree: fc.dictionary(key, value, { maxKeys: 4 }) }
}
