/**
 * Shapes of the project's own model of Kratos configuration. The model itself (keys.ts and
 * friends) is written here from FACTS.md and checked against Kratos' schemas by the conformance
 * test; Kratos' schema files are never loaded at run time.
 */

/** Kratos release lines the model distinguishes (FACTS.md §10). */
export const kratosVersions = ['v1.3', 'v25.4', 'v26.2', 'head'] as const
export type KratosVersion = (typeof kratosVersions)[number]

export type KeyType = 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object' | 'null'

export interface KeySpec {
  /**
   * Dotted path from the root. Map entries whose names the user chooses are written `*`
   * (`session.whoami.tokenizer.templates.*`); array items are described by `items`.
   */
  readonly path: string
  readonly type: KeyType | readonly KeyType[]
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
  /** For arrays: the item's spec (its path ends in `.#`). */
  readonly items?: KeySpec
  /** For objects: true when Kratos rejects unknown children (additionalProperties: false). */
  readonly closed?: boolean
  /** For objects: required children. */
  readonly required?: readonly string[]
  /** Versions in which the key exists. */
  readonly versions: readonly KratosVersion[]
  /** A value that must never be printed (secrets, DSN passwords, SMTP URIs…). */
  readonly secret?: boolean
  /** Go duration (`^([0-9]+(ns|us|ms|s|m|h))+$`). */
  readonly duration?: boolean
}
