/**
 * A small builder language for the Kratos configuration model. Each builder returns a plain
 * `ModelNode`; `compile.ts` turns the tree into per-version `KeySpec`s. The model is written
 * from FACTS.md and checked against Kratos' schemas by `conformance.test.ts`.
 */
import type { KeyType, KratosVersion } from './types.ts'
import { kratosVersions } from './types.ts'

/** The Go duration pattern Kratos' schema uses for every duration key (FACTS.md §1). */
export const durationPattern = '^([0-9]+(ns|us|ms|s|m|h))+$'

export interface Constraints {
  readonly default?: unknown
  readonly enum?: readonly unknown[]
  readonly pattern?: string
  readonly format?: string
  readonly minimum?: number
  readonly maximum?: number
  readonly minLength?: number
  readonly maxLength?: number
  readonly minItems?: number
  readonly maxItems?: number
  readonly uniqueItems?: boolean
  readonly required?: readonly string[]
  readonly secret?: boolean
  readonly duration?: boolean
}

export interface ModelNode extends Constraints {
  readonly type: KeyType | readonly KeyType[]
  /** Objects: true when unknown children are rejected (additionalProperties: false). */
  readonly closed?: boolean
  readonly props?: Readonly<Record<string, ModelNode>>
  /** Objects whose child names the user chooses (patternProperties / additionalProperties schema). */
  readonly map?: ModelNode
  readonly items?: ModelNode
  /**
   * A discriminated union (hooks): the child `key` picks the case. Key lookups see the union
   * of every case's children; validation checks the chosen case only.
   */
  readonly variants?: { readonly key: string; readonly cases: Readonly<Record<string, ModelNode>> }
  /** Versions in which the key exists; all when absent. */
  readonly versions?: readonly KratosVersion[]
  /** Per-version differences (a default or enum that changed between releases). */
  readonly byVersion?: Partial<Record<KratosVersion, Partial<ModelNode>>>
}

type Opts = Constraints & { readonly versions?: readonly KratosVersion[] }

export const str = (o: Opts = {}): ModelNode => ({ type: 'string', ...o })
export const bool = (o: Opts = {}): ModelNode => ({ type: 'boolean', ...o })
export const int = (o: Opts = {}): ModelNode => ({ type: 'integer', ...o })
export const num = (o: Opts = {}): ModelNode => ({ type: 'number', ...o })
export const any = (o: Opts = {}): ModelNode => ({
  type: ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'],
  ...o,
})
/** A Go duration string (`DUR`), optionally with its schema default. */
export const dur = (def?: string, o: Opts = {}): ModelNode =>
  str({
    ...(def === undefined ? {} : { default: def }),
    pattern: durationPattern,
    duration: true,
    ...o,
  })
export const uri = (o: Opts = {}): ModelNode => str({ format: 'uri', ...o })
export const uriRef = (o: Opts = {}): ModelNode => str({ format: 'uri-reference', ...o })
export const oneOf = (values: readonly string[], def?: string, o: Opts = {}): ModelNode =>
  str({ enum: values, ...(def === undefined ? {} : { default: def }), ...o })
export const secretStr = (o: Opts = {}): ModelNode => str({ secret: true, ...o })

export const arr = (items: ModelNode, o: Opts = {}): ModelNode => ({ type: 'array', items, ...o })

/** An object that rejects unknown children: a typo here stops Kratos at start. */
export const closed = (props: Record<string, ModelNode>, o: Opts = {}): ModelNode => ({
  type: 'object',
  closed: true,
  props,
  ...o,
})
/** An object that silently accepts unknown children: a typo here is ignored. */
export const open = (props: Record<string, ModelNode>, o: Opts = {}): ModelNode => ({
  type: 'object',
  closed: false,
  props,
  ...o,
})
/** A map whose keys the user names (`templates.<name>`, `headers.<name>`). */
export const map = (
  value: ModelNode,
  o: Opts & { props?: Record<string, ModelNode> } = {},
): ModelNode => ({
  type: 'object',
  closed: false,
  map: value,
  ...o,
})
export const variants = (
  key: string,
  cases: Record<string, ModelNode>,
  o: Opts & { closed?: boolean } = {},
): ModelNode => ({ type: 'object', variants: { key, cases }, ...o })

const order = kratosVersions
/** The key exists from `version` on (FACTS.md §10). */
export const since = (version: KratosVersion, node: ModelNode): ModelNode => ({
  ...node,
  versions: order.slice(order.indexOf(version)),
})
/** The key exists up to and including `version`. */
export const until = (version: KratosVersion, node: ModelNode): ModelNode => ({
  ...node,
  versions: order.slice(0, order.indexOf(version) + 1),
})
export const secret = (node: ModelNode): ModelNode => ({ ...node, secret: true })
export const per = (
  node: ModelNode,
  byVersion: Partial<Record<KratosVersion, Partial<ModelNode>>>,
): ModelNode => ({ ...node, byVersion })

/** HTTP header values to web hooks, courier and the OAuth2 provider often carry credentials. */
export const headerValue: ModelNode = str({ secret: true })
