/**
 * What the carriers (plain files, compose, Helm, Kubernetes) gather before the merge. Each
 * carrier adds config layers in `-c` order, flags and environment variables; `build-view.ts`
 * merges them as Kratos does.
 */
import type { Layer } from './layer.ts'
import type { EnvVar } from './env-layer.ts'
import type { SourceFile } from './load-types.ts'
import type { ValueOrigin } from './types.ts'

export interface FlagAssignment {
  readonly path: string
  readonly value: unknown
  readonly origin: ValueOrigin
}

export interface Collector {
  readonly files: Map<string, SourceFile>
  readonly configLayers: Layer[]
  readonly flags: FlagAssignment[]
  /** Variables Kratos sees, lowest precedence first. */
  readonly env: EnvVar[]
  /** Variables used only to interpolate compose files (the user's env files, process env). */
  readonly interpolation: Map<string, string>
  readonly warnings: string[]
  readonly sources: string[]
  /** Carriers whose variables are unknown (envFrom of a Secret not among the inputs). */
  readonly unresolvedEnv: ValueOrigin[]
  /** The Kratos image reference, for version detection. */
  image?: string
  /** Work that needs every input first (compose files merge like `docker compose -f a -f b`). */
  readonly finalizers: Map<string, () => Promise<void>>
}

export const newCollector = (): Collector => ({
  files: new Map(),
  configLayers: [],
  flags: [],
  env: [],
  interpolation: new Map(),
  warnings: [],
  sources: [],
  unresolvedEnv: [],
  finalizers: new Map(),
})
