/**
 * The merged view of a Kratos configuration as Kratos would run with it, with the origin of
 * every value. Built by the loaders (config/), read by rules, fix, rotate and reporters.
 */
import type { OriginKind, SourceLocation } from '../engine/finding.ts'
import type { KratosVersion } from '../kratos/types.ts'

export interface ValueOrigin {
  readonly kind: OriginKind
  /** Position of the value in a file (config file, compose file, values.yaml, manifest, .env). */
  readonly location: SourceLocation | null
  /** The environment variable that set it (`SESSION_LIFESPAN`), for env-derived values. */
  readonly envVar?: string
  /** The flag that set it (`--dev`). */
  readonly flag?: string
  /** Human description of the carrier: `compose service kratos`, `Deployment kratos`, `.env`. */
  readonly via?: string
}

export interface ConfigView {
  /** The Kratos version this view was merged for (from `version:`, an image tag, or the user). */
  readonly version: KratosVersion
  /** How the version was decided. */
  readonly versionSource: 'config' | 'image' | 'user' | 'assumed'
  /** The value Kratos would use: set values, else the schema default, else undefined. */
  get(path: string): unknown
  /** True when a source sets the key (defaults do not count; unknown-but-set counts). */
  has(path: string): boolean
  /** Where the effective value came from; `default` when nothing sets it. */
  origin(path: string): ValueOrigin
  /**
   * True when a source sets the key to a value that cannot be known offline (a Kubernetes
   * `secretKeyRef`, an env var named but not given): "set elsewhere", never "missing".
   */
  isExternal(path: string): boolean
  /** Every set leaf (and external key) with its value and origin, in a stable order. */
  entries(): readonly ViewEntry[]
  /** The merged tree without defaults, as Kratos would validate it. */
  tree(): Readonly<Record<string, unknown>>
  /** True when dev mode is on from any source (`dev: true`, `--dev`, `DEV=true`). */
  readonly dev: boolean
  /** Environment variables Kratos reads directly (e.g. DEV_DISABLE_API_FLOW_ENFORCEMENT). */
  readonly rawEnv: Readonly<Record<string, ValueWithOrigin>>
  /**
   * Variables set for Kratos that map to no schema path, so Kratos drops them (PATH and typos
   * alike; the rules decide which look like Kratos settings). Absent on views built without
   * an environment.
   */
  readonly unmappedEnv?: readonly { readonly name: string; readonly origin: ValueOrigin }[]
  /** Files and carriers that fed this view, for reports. */
  readonly sources: readonly string[]
}

export interface ValueWithOrigin {
  readonly value: string
  readonly origin: ValueOrigin
}

export interface ViewEntry {
  readonly path: string
  readonly value: unknown
  readonly origin: ValueOrigin
  readonly external: boolean
}
