/**
 * Conformance: the project's model of Kratos configuration against Kratos' own JSON Schemas
 * (test data under ../shared/kratos, never loaded at run time), read as
 * test/support/kratos-schema.ts describes. The comparison itself is tested in
 * conformance-compare.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { compare } from '../../../../test/support/kratos-schema.ts'
import type { KratosVersion } from './index.ts'

/**
 * Subtrees whose inner shape the model describes only coarsely, with the reason. The subtree
 * root itself is still compared.
 */
const depthLimited: Readonly<Record<string, string>> = {
  'selfservice.methods.oidc.config.providers.#.requested_claims':
    'OpenID Connect claims requests (`null` or `{essential, value, values}` per claim) are passed to the provider, not read by Kratos',
}

describe('the Kratos model matches Kratos’ configuration schemas', () => {
  const cases: [string, KratosVersion][] = [
    ['config.schema.v1.3.1.json', 'v1.3'],
    ['config.schema.v26.2.0.json', 'v26.2'],
    ['config.schema.v26.2.0.json', 'v25.4'],
    ['config.schema.head.json', 'head'],
  ]
  for (const [file, version] of cases) {
    it(`${version} against ${file}`, () => {
      const found = compare(file, version, Object.keys(depthLimited))
      // KRATOS_CONFORMANCE_DUMP=1 prints every disagreement (vitest truncates long arrays).
      if (process.env['KRATOS_CONFORMANCE_DUMP'] !== undefined)
        console.log(`==${version}\n${found.join('\n')}`)
      expect(found).toEqual([])
    })
  }
})
