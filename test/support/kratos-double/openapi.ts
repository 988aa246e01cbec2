// Kratos' OpenAPI 3 document as ajv validators, for the double's contract test. The document is read
// from ../shared at test time (never copied); OpenAPI-only keywords are translated to JSON Schema.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { sharedDir } from '../cli.ts'

type Json = Record<string, unknown>

interface Operation {
  responses: Record<string, Json>
}
interface Spec {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Json>; responses: Record<string, Json> }
}

const dropped = new Set(['discriminator', 'example', 'examples', 'xml', 'externalDocs'])

/** OpenAPI 3.0 → JSON Schema: `nullable`, refs into one registered document, OpenAPI-only keys. */
const convert = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(convert)
  if (typeof node !== 'object' || node === null) return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node as Json)) {
    if (dropped.has(key) || key.startsWith('x-') || key === 'nullable') continue
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? value.replace(/^#\/components\//, 'openapi#/components/')
        : convert(value)
  }
  if ((node as Json)['nullable'] !== true) return out
  if (typeof out['type'] === 'string') return { ...out, type: [out['type'], 'null'] }
  if (out['type'] === undefined && !('$ref' in out)) return out // already accepts anything
  return { anyOf: [out, { type: 'null' }] }
}

export const loadSpec = (): Spec =>
  JSON.parse(readFileSync(join(sharedDir, 'kratos', 'openapi.json'), 'utf8')) as Spec

export interface Contract {
  /** The validator for a documented status (or the `default` response); undefined = undocumented. */
  validator(path: string, method: string, status: number): ValidateFunction | 'empty' | undefined
  readonly spec: Spec
}

export const loadContract = (): Contract => {
  const spec = loadSpec()
  const schemas = convert(spec.components.schemas) as Record<string, Json>
  // The spec types genericError.details as an object with no properties, yet Kratos fills it
  // (`redirect_browser_to`, CSRF `reject_reason`, FACTS §6.2, §7): the spec is narrower than the server.
  const generic = schemas['genericError'] as { properties: Record<string, Json> }
  generic.properties['details'] = { type: 'object' }
  const ajv = new Ajv({ strict: false, allErrors: true })
  // ajv-formats is CommonJS: its default export arrives wrapped or not depending on the loader.
  const mod = addFormatsModule as unknown as ((a: Ajv) => Ajv) | { default: (a: Ajv) => Ajv }
  const addFormats = typeof mod === 'function' ? mod : mod.default
  addFormats(ajv)
  for (const f of ['int64', 'int32']) ajv.addFormat(f, true)
  ajv.addFormat('uuid4', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i)
  ajv.addSchema({ $id: 'openapi', components: { schemas } })
  const cache = new Map<string, ValidateFunction | 'empty' | undefined>()
  const resolve = (path: string, method: string, status: number) => {
    const op = spec.paths[path]?.[method.toLowerCase()]
    if (!op) throw new Error(`${method} ${path} is not in openapi.json`)
    let response = op.responses[String(status)] ?? op.responses['default']
    if (!response) return undefined
    const ref = response['$ref']
    if (typeof ref === 'string')
      response = spec.components.responses[ref.split('/').at(-1) ?? ''] ?? {}
    const content = response['content'] as Record<string, { schema: Json }> | undefined
    const schema = content?.['application/json']?.schema
    return schema ? ajv.compile(convert(schema) as Json) : 'empty'
  }
  return {
    spec,
    validator: (path, method, status) => {
      const key = `${method} ${path} ${status}`
      if (!cache.has(key)) cache.set(key, resolve(path, method, status))
      return cache.get(key)
    },
  }
}
