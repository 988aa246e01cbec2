/**
 * A carrier reads one kind of input (a Kratos config, a compose file, Helm values, Kubernetes
 * manifests, a .env file) and adds what it carries to the collector. To support a new kind of
 * deployment, write a carrier and register it in `carriers.ts` (see CONTRIBUTING.md, "Loaders").
 */
import type { Document, LineCounter } from 'yaml'
import type { Collector } from './collector.ts'
import type { SourceKind } from './load-types.ts'

export interface CarrierInput {
  /** Absolute path. */
  readonly file: string
  /** The path as the user wrote it, for messages. */
  readonly display: string
  readonly text: string
  readonly kind: SourceKind
  /** YAML/JSON inputs: the parsed documents and their plain values. */
  readonly documents?: readonly Document[]
  readonly values?: readonly unknown[]
  readonly lineCounter?: LineCounter
}

export interface CarrierContext {
  readonly cwd: string
  readonly service?: string
  /** Reads another file (a mounted config, an env_file), recording it in `files`. */
  readonly readFile: (file: string, kind: SourceKind) => Promise<string>
  /** The path as shown to the user (relative to cwd when inside it). */
  readonly display: (file: string) => string
}

export type Carrier = (
  input: CarrierInput,
  collector: Collector,
  ctx: CarrierContext,
) => Promise<void>
