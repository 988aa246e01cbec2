import { readFile } from 'node:fs/promises'
import { Ajv } from 'ajv'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { schemaUrl } from './project-config.ts'
import { checkSchema, type SchemaNode } from './schema-check.ts'

const load = async (): Promise<SchemaNode & Record<string, unknown>> =>
  JSON.parse(await readFile(schemaUrl, 'utf8')) as SchemaNode & Record<string, unknown>

/** Values shaped like project configurations: mostly right keys, sometimes wrong types or names. */
const scalar = fc.oneof(
  fc.constantFrom('high', 'off', 'none', 'sarif', 'asvs-l2', 'v1.3.1', '1.3', '', 'Bad Name', 'x'),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
)
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom('session-lifespan-too-long', 'Bad_Rule', 'log-level-debug'),
    scalar,
    { maxKeys: 2 },
  ),
)
const keys = fc.constantFrom(
  'profile',
  'kratosVersion',
  'inputs',
  'envFiles',
  'failOn',
  'format',
  'output',
  'baseline',
  'inlineSuppressions',
  'rules',
  '$schema',
  'fial',
)
const config = fc.dictionary(keys, value, { maxKeys: 5 })

describe('schema-check', () => {
  it('agrees with ajv on the published schema (valid ⇔ no problems)', async () => {
    const schema = await load()
    const ajv = new Ajv({ strict: true, allErrors: true })
    const validate = ajv.compile(schema)
    const seen = { valid: 0, invalid: 0 }
    fc.assert(
      fc.property(config, (c) => {
        const ok = validate(c)
        seen[ok ? 'valid' : 'invalid']++
        expect(checkSchema(schema, c).length === 0).toBe(ok)
      }),
      { numRuns: 400 },
    )
    expect(seen.valid).toBeGreaterThan(10)
    expect(seen.invalid).toBeGreaterThan(10)
  })

  it('uses only the keywords it implements', async () => {
    const supported = new Set([
      '$schema',
      '$id',
      'title',
      'description',
      'type',
      'enum',
      'pattern',
      'minLength',
      'properties',
      'patternProperties',
      'additionalProperties',
      'items',
    ])
    const walk = (node: unknown, inProperties: boolean): string[] => {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) return []
      return Object.entries(node).flatMap(([k, v]) => [
        ...(inProperties || supported.has(k) ? [] : [k]),
        ...walk(v, k === 'properties' || k === 'patternProperties'),
      ])
    }
    expect(walk(await load(), false)).toEqual([])
  })
})
