/**
 * A small JSON Schema (draft-07 subset) checker for the project configuration, so the published
 * schema in packages/aegis/schema/ is the one source of truth at run time and in editors. It
 * supports exactly the keywords that schema uses; a test cross-checks it against ajv.
 */
export interface SchemaNode {
  readonly type?: 'object' | 'array' | 'string' | 'boolean' | 'number' | 'integer'
  readonly enum?: readonly unknown[]
  readonly pattern?: string
  readonly minLength?: number
  readonly properties?: Readonly<Record<string, SchemaNode>>
  readonly patternProperties?: Readonly<Record<string, SchemaNode>>
  readonly additionalProperties?: boolean
  readonly items?: SchemaNode
}

export interface SchemaProblem {
  /** Path of the offending value, e.g. ['rules', 'session-lifespan-too-long']. */
  readonly path: readonly (string | number)[]
  readonly message: string
  /** The problem is the key itself (an unknown setting), not its value. */
  readonly atKey?: boolean
}

type Path = readonly (string | number)[]

const typeOf = (v: unknown): string =>
  Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v

const typeMatches = (type: NonNullable<SchemaNode['type']>, v: unknown): boolean =>
  type === 'integer' ? Number.isInteger(v) : typeOf(v) === type

const checkObject = (
  schema: SchemaNode,
  value: Record<string, unknown>,
  path: Path,
): SchemaProblem[] => {
  const out: SchemaProblem[] = []
  for (const [k, v] of Object.entries(value)) {
    const own = schema.properties?.[k]
    const patterned = Object.entries(schema.patternProperties ?? {}).find(([re]) =>
      new RegExp(re, 'u').test(k),
    )?.[1]
    const sub = own ?? patterned
    if (sub !== undefined) out.push(...checkSchema(sub, v, [...path, k]))
    else if (schema.additionalProperties === false) {
      const known = Object.keys(schema.properties ?? {}).filter((p) => p !== '$schema')
      const hint = known.length > 0 ? ` (known: ${known.join(', ')})` : ''
      out.push({ path: [...path, k], message: `is not a known setting${hint}`, atKey: true })
    }
  }
  return out
}

export const checkSchema = (
  schema: SchemaNode,
  value: unknown,
  path: Path = [],
): SchemaProblem[] => {
  if (schema.type !== undefined && !typeMatches(schema.type, value))
    return [
      {
        path,
        message: `must be ${schema.type === 'array' ? 'an' : 'a'} ${schema.type}, not ${typeOf(value)}`,
      },
    ]
  if (schema.enum !== undefined && !schema.enum.includes(value))
    return [
      { path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}` },
    ]
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      return [{ path, message: 'must not be empty' }]
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      return [{ path, message: `"${value}" does not match ${schema.pattern}` }]
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    const items = schema.items
    return value.flatMap((v, i) => checkSchema(items, v, [...path, i]))
  }
  if (typeOf(value) === 'object') return checkObject(schema, value as Record<string, unknown>, path)
  return []
}
