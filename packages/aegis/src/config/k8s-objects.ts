/**
 * The Kubernetes objects among the inputs, with the document and path each came from, so an
 * embedded Kratos config (a ConfigMap's `data.kratos.yml` block scalar) maps to real file lines.
 */
import { isScalar, type Document, type LineCounter, type Scalar } from 'yaml'
import type { SourceLocation } from '../engine/finding.ts'
import type { CarrierInput } from './carrier.ts'
import type { DataObjects } from './k8s-env.ts'
import { isRecord, type Tree } from './tree.ts'
import { nodePositions, type Remap } from './yaml-source.ts'

export interface K8sObject {
  readonly kind: string
  readonly name: string
  readonly value: Tree
  readonly document: Document
  /** Path segments of the object inside its document (`[]` or `['items', 3]` for a List). */
  readonly base: readonly (string | number)[]
  readonly file: string
  readonly text: string
  readonly lineCounter: LineCounter
  /** Positions of every node in the object, by dotted path relative to the object. */
  readonly positions: ReadonlyMap<string, SourceLocation>
}

const relativePositions = (
  all: ReadonlyMap<string, SourceLocation>,
  prefix: string,
): Map<string, SourceLocation> => {
  if (prefix === '') return new Map(all)
  const out = new Map<string, SourceLocation>()
  for (const [k, v] of all) if (k.startsWith(`${prefix}.`)) out.set(k.slice(prefix.length + 1), v)
  return out
}

export const collectObjects = (inputs: readonly CarrierInput[]): K8sObject[] => {
  const out: K8sObject[] = []
  for (const input of inputs) {
    const lineCounter = input.lineCounter
    if (lineCounter === undefined) continue
    input.documents?.forEach((document, d) => {
      const value = input.values?.[d]
      if (!isRecord(value)) return
      const all = nodePositions(document.contents, lineCounter, input.display)
      const entries: [Tree, (string | number)[]][] =
        value['kind'] === 'List' && Array.isArray(value['items'])
          ? value['items'].flatMap((item: unknown, i): [Tree, (string | number)[]][] =>
              isRecord(item) ? [[item, ['items', i]]] : [],
            )
          : [[value, []]]
      for (const [object, base] of entries) {
        const metadata = object['metadata']
        const name =
          isRecord(metadata) && typeof metadata['name'] === 'string' ? metadata['name'] : ''
        out.push({
          kind: typeof object['kind'] === 'string' ? object['kind'] : '',
          name,
          value: object,
          document,
          base,
          file: input.display,
          text: input.text,
          lineCounter,
          positions: relativePositions(all, base.join('.')),
        })
      }
    })
  }
  return out
}

const decodeBase64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8')

/** The string data of every Secret (`stringData` over base64 `data`) and ConfigMap. */
export const dataObjects = (objects: readonly K8sObject[]): DataObjects => {
  const out = new Map<string, Map<string, string>>()
  for (const o of objects) {
    if (o.kind !== 'Secret' && o.kind !== 'ConfigMap') continue
    const data = new Map<string, string>()
    const raw = o.value['data']
    if (isRecord(raw)) {
      for (const [k, v] of Object.entries(raw)) {
        if (typeof v === 'string') data.set(k, o.kind === 'Secret' ? decodeBase64(v) : v)
      }
    }
    const stringData = o.value['stringData']
    if (o.kind === 'Secret' && isRecord(stringData)) {
      for (const [k, v] of Object.entries(stringData)) if (typeof v === 'string') data.set(k, v)
    }
    out.set(`${o.kind}/${o.name}`, data)
  }
  return out
}

export interface EmbeddedText {
  readonly text: string
  /** Maps positions in `text` to the manifest; undefined when lines do not correspond. */
  readonly remap?: Remap
  /** Where the value sits in the manifest. */
  readonly location: SourceLocation | null
}

/** A ConfigMap/Secret data entry as text, with a line mapping for literal block scalars. */
export const embeddedText = (object: K8sObject, key: string): EmbeddedText | undefined => {
  for (const field of ['stringData', 'data'] as const) {
    const node = object.document.getIn([...object.base, field, key], true)
    if (!isScalar(node) || typeof node.value !== 'string') continue
    const location = object.positions.get(`${field}.${key}`) ?? null
    if (object.kind === 'Secret' && field === 'data') {
      return { text: decodeBase64(node.value), location }
    }
    return { text: node.value, location, ...literalRemap(object, node) }
  }
  return undefined
}

const literalRemap = (object: K8sObject, node: Scalar): { remap?: Remap } => {
  if (node.type !== 'BLOCK_LITERAL' || node.range === undefined || node.range === null) return {}
  const header = object.lineCounter.linePos(node.range[0]).line
  const lines = object.text.split(/\r?\n/)
  const first = lines.slice(header).find((l) => l.trim() !== '')
  if (first === undefined) return {}
  const indent = first.length - first.trimStart().length
  return { remap: (line, column) => ({ line: header + line, column: column + indent }) }
}
