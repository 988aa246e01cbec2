/** Shapes of loadDeployment (APIS.md, "Config / ConfigView"). */
import type { Document } from 'yaml'
import type { ConfigView } from './types.ts'

export type SourceKind = 'kratos-config' | 'compose' | 'helm-values' | 'kubernetes' | 'env'

export interface SourceFile {
  readonly path: string
  readonly text: string
  readonly kind: SourceKind
  /** The parsed YAML/JSON document (first document for multi-document files). */
  readonly document?: Document
  /** Every document of a multi-document YAML file (Kubernetes manifests). */
  readonly documents?: readonly Document[]
}

export interface LoadOptions {
  /** Relative inputs, env files and compose paths resolve against this (default: process.cwd()). */
  readonly cwd?: string
  /** The process environment, when the user asks for it (`--env`). */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** `.env` files whose variables Kratos would see. */
  readonly envFiles?: readonly string[]
  /** `v1.3`, `v25.4`, `v26.2`, `head` or a release such as `v26.2.0`. */
  readonly kratosVersion?: string
  /** The compose service or Kubernetes container that runs Kratos. */
  readonly service?: string
}

export interface LoadedDeployment {
  readonly view: ConfigView
  readonly files: ReadonlyMap<string, SourceFile>
  readonly warnings: readonly string[]
}
