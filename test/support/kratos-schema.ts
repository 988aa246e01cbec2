/**
 * Reads Kratos' configuration JSON Schemas (test data under ../shared/kratos) into one flat entry
 * per dotted key, and compares them with the project's Kratos model. Used by
 * packages/aegis/src/kratos/conformance*.test.ts; test-only.
 *
 * How schema constructs are read:
 * - `$ref` `#/definitions/…` is resolved (sibling keywords kept); external refs (`ory://…`) are
 *   opaque: the key exists, nothing below it is compared.
 * - `allOf` branches are merged into the node (they are conjunctions: the branch is the shape).
 * - `anyOf` / `oneOf` on a node WITHOUT own properties is a union (hooks, auth): the key set is
 *   the union of the branches, `enum` the union of their `const`/`enum`, and the object is closed
 *   only if every branch is. On a node WITH own properties, branches only add keys the node lacks
 *   (they otherwise restrict, e.g. `required` or `const` combinations).
 * - `if` / `then` / `else` add keys only (their `required` is checked by validateTree tests).
 * - `patternProperties` and a schema-valued `additionalProperties` are a user-named map: `*`.
 * - `items` (object) is `#`.
 * - Closed = `additionalProperties: false`.
 * - Type: own `type`, else inferred from `const`/`enum` values, else `object` when the node has
 *   properties; otherwise unknown and not compared.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { sharedDir } from './cli.ts'
import { allKeys, keySpec } from '../../packages/aegis/src/kratos/index.ts'
import type { KeySpec, KratosVersion } from '../../packages/aegis/src/kratos/index.ts'

type Json = Record<string, unknown>
/** Subtree roots compared only at the root (conformance.test.ts `depthLimited`, with reasons). */
export type DepthLimited = readonly string[]
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export interface Flat {
  type?: string[]
  default?: unknown
  enum?: unknown[]
  closed: boolean
  external?: boolean
  constraints: Json
}

const constraintKeys = [
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'pattern',
  'format',
  'required',
] as const

const without = (node: Json, key: string): Json =>
  Object.fromEntries(Object.entries(node).filter(([k]) => k !== key))

const resolveRef = (node: Json, defs: Json): Json => {
  let current = node
  for (let i = 0; i < 20; i++) {
    const ref = current['$ref']
    if (typeof ref !== 'string') return current
    if (!ref.startsWith('#/definitions/')) return { ...current, $external: ref }
    const target = defs[ref.slice('#/definitions/'.length)]
    if (!isObj(target)) throw new Error(`unresolved ${ref}`)
    current = { ...target, ...without(current, '$ref') }
  }
  throw new Error('ref loop')
}

/** A schema node with allOf merged in: own keywords win over branch keywords. */
const normalise = (raw: Json, defs: Json): Json => {
  let node = resolveRef(raw, defs)
  const allOf = node['allOf']
  if (Array.isArray(allOf)) {
    for (const branch of allOf.filter(isObj).map((b) => normalise(b, defs))) {
      const props = {
        ...(isObj(branch['properties']) ? branch['properties'] : {}),
        ...(isObj(node['properties']) ? node['properties'] : {}),
      }
      node = { ...branch, ...node, ...(Object.keys(props).length > 0 ? { properties: props } : {}) }
    }
    node = without(node, 'allOf')
  }
  return node
}

const valuesOf = (node: Json): unknown[] | undefined =>
  Array.isArray(node['enum'])
    ? (node['enum'] as unknown[])
    : 'const' in node
      ? [node['const']]
      : undefined

const inferType = (node: Json): string[] | undefined => {
  const t = node['type']
  if (typeof t === 'string') return [t]
  if (Array.isArray(t)) return t.map(String)
  const values = valuesOf(node)
  if (values !== undefined) return [...new Set(values.map((v) => (v === null ? 'null' : typeof v)))]
  if (isObj(node['properties']) || isObj(node['patternProperties'])) return ['object']
  return undefined
}

class SchemaFlattener {
  readonly out = new Map<string, Flat>()
  private readonly defs: Json
  private readonly limited: DepthLimited
  constructor(defs: Json, limited: DepthLimited) {
    this.defs = defs
    this.limited = limited
  }

  walk(raw: Json, path: string): void {
    const node = normalise(raw, this.defs)
    const branches = [
      ...(Array.isArray(node['anyOf']) ? node['anyOf'] : []),
      ...(Array.isArray(node['oneOf']) ? node['oneOf'] : []),
    ]
      .filter(isObj)
      .map((b) => normalise(b, this.defs))
    const own = isObj(node['properties']) ? node['properties'] : undefined
    const union = own === undefined && branches.some((b) => isObj(b['properties']))
    const flat: Flat = { closed: node['additionalProperties'] === false, constraints: {} }
    const type =
      inferType(node) ??
      (union ? [...new Set(branches.flatMap((b) => inferType(b) ?? []))] : undefined)
    if (type !== undefined && type.length > 0) flat.type = type
    if ('default' in node) flat.default = node['default']
    const values = valuesOf(node)
    if (values !== undefined) flat.enum = values
    for (const key of constraintKeys) if (key in node) flat.constraints[key] = node[key]
    if (typeof node['$external'] === 'string') flat.external = true
    if (union) flat.closed = branches.every((b) => b['additionalProperties'] === false)
    this.merge(path, flat)
    const limited = this.limited.includes(path) || flat.external === true
    if (limited) return
    this.children(node, path, own !== undefined ? own : {}, branches, union)
  }

  private children(node: Json, path: string, own: Json, branches: Json[], union: boolean): void {
    const extra = [node['then'], node['else']].filter(isObj).map((b) => normalise(b, this.defs))
    for (const [name, child] of Object.entries(own))
      if (isObj(child)) this.walk(child, join2(path, name))
    for (const branch of [...branches, ...extra]) {
      const props = isObj(branch['properties']) ? branch['properties'] : {}
      for (const [name, child] of Object.entries(props)) {
        if (!isObj(child) || (!union && name in own)) continue
        this.walk(child, join2(path, name))
      }
    }
    const pattern = isObj(node['patternProperties']) ? Object.values(node['patternProperties']) : []
    const additional = isObj(node['additionalProperties']) ? [node['additionalProperties']] : []
    for (const child of [...pattern, ...additional].filter(isObj))
      this.walk(child, join2(path, '*'))
    if (isObj(node['items'])) this.walk(node['items'], join2(path, '#'))
  }

  /** Union branches may describe one key several times: unite enums, types and closedness. */
  private merge(path: string, flat: Flat): void {
    const seen = this.out.get(path)
    if (seen === undefined) {
      this.out.set(path, flat)
      return
    }
    if (seen.enum !== undefined && flat.enum !== undefined)
      seen.enum = [...new Set([...seen.enum, ...flat.enum])]
    if (seen.type !== undefined && flat.type !== undefined)
      seen.type = [...new Set([...seen.type, ...flat.type])]
    seen.closed = seen.closed && flat.closed
    seen.constraints['required'] = intersect(
      seen.constraints['required'],
      flat.constraints['required'],
    )
    seen.default ??= flat.default
  }
}

/** A key required by every branch of a union is required; undefined when none is. */
const intersect = (a: unknown, b: unknown): string[] | undefined => {
  const left = Array.isArray(a) ? a.map(String) : []
  const both = left.filter((x) => Array.isArray(b) && b.map(String).includes(x))
  return both.length === 0 ? undefined : both
}

const join2 = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`)

export const flattenSchema = (file: string, limited: DepthLimited = []): Map<string, Flat> => {
  const schema = JSON.parse(readFileSync(join(sharedDir, 'kratos', file), 'utf8')) as Json
  const flattener = new SchemaFlattener(
    isObj(schema['definitions']) ? schema['definitions'] : {},
    limited,
  )
  flattener.walk(schema, '')
  return flattener.out
}

const underLimited = (path: string, limited: DepthLimited): boolean =>
  limited.some((root) => path.startsWith(`${root}.`))

const sorted = (values: readonly unknown[]): string[] => values.map((v) => JSON.stringify(v)).sort()

const typeList = (spec: KeySpec): string[] =>
  typeof spec.type === 'string' ? [spec.type] : [...spec.type]

export const compareKey = (path: string, schema: Flat, spec: KeySpec): string[] => {
  const problems: string[] = []
  if (
    schema.type !== undefined &&
    !isDeepStrictEqual([...schema.type].sort(), typeList(spec).sort())
  ) {
    problems.push(`${path}: type schema=${schema.type.join('|')} model=${typeList(spec).join('|')}`)
  }
  if (!isDeepStrictEqual(schema.default, spec.default)) {
    problems.push(
      `${path}: default schema=${JSON.stringify(schema.default)} model=${JSON.stringify(spec.default)}`,
    )
  }
  const modelEnum = spec.enum === undefined ? undefined : sorted(spec.enum)
  const schemaEnum = schema.enum === undefined ? undefined : sorted(schema.enum)
  if (!isDeepStrictEqual(schemaEnum, modelEnum)) {
    problems.push(`${path}: enum schema=${String(schemaEnum)} model=${String(modelEnum)}`)
  }
  if (
    (schema.type ?? typeList(spec)).includes('object') &&
    schema.closed !== (spec.closed === true)
  ) {
    problems.push(`${path}: closed schema=${schema.closed} model=${spec.closed === true}`)
  }
  for (const key of constraintKeys) {
    if (!isDeepStrictEqual(schema.constraints[key], spec[key])) {
      problems.push(
        `${path}: ${key} schema=${JSON.stringify(schema.constraints[key])} model=${JSON.stringify(spec[key])}`,
      )
    }
  }
  return problems
}

/** Every disagreement between the model of `version` and the schema in `file`, one line each. */
export const compare = (file: string, version: KratosVersion, limited: DepthLimited): string[] => {
  const schema = flattenSchema(file, limited)
  const model = new Map<string, KeySpec>(allKeys(version).map((s) => [s.path, s]))
  const rootSpec = keySpec('', version)
  if (rootSpec !== undefined) model.set('', rootSpec)
  const problems: string[] = []
  for (const [path, flat] of schema) {
    if (underLimited(path, limited)) continue
    const spec = model.get(path)
    if (spec === undefined) problems.push(`${path}: in the schema, missing from the model`)
    else problems.push(...compareKey(path, flat, spec))
  }
  for (const path of model.keys()) {
    if (!schema.has(path) && !underLimited(path, limited))
      problems.push(`${path}: in the model, not in the schema`)
  }
  return problems
}
