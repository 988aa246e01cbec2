/**
 * The loader's window on the Kratos model (packages/aegis/src/kratos/). Kept in one file so the
 * loaders depend on a handful of functions only.
 */
import { AegisError } from '../errors.ts'
import type { KeySpec, KratosVersion } from '../kratos/types.ts'

/** The newest release (FACTS.md §0): what a deployment most likely runs when nothing says. */
export const assumedVersion: KratosVersion = 'v26.2'

/** Maps a release (`v26.2.0`, `1.3.1`, `head`) to the release line the model distinguishes. */
export const versionLine = (text: string): KratosVersion | undefined => {
  const t = text.trim().toLowerCase()
  if (t === 'head' || t === 'master' || t === 'latest') return 'head'
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?/.exec(t)
  if (m === null) return undefined
  const major = Number(m[1])
  const minor = Number(m[2])
  if (major === 1) return 'v1.3'
  if (major === 25) return 'v25.4'
  if (major === 26 && minor <= 2) return 'v26.2'
  if (major > 26 || (major === 26 && minor > 2)) return 'head'
  return undefined
}

/** A version given by the user; unknown text is a usage error rather than a silent guess. */
export const userVersion = (text: string): KratosVersion => {
  const known = ['v1.3', 'v25.4', 'v26.2', 'head'] as const
  const exact = known.find((v) => v === text)
  const line = exact ?? versionLine(text)
  if (line === undefined) {
    throw new AegisError('AEGIS_VERSION_UNKNOWN', `unknown Kratos version '${text}'`, {
      hint: `use one of ${known.join(', ')} or a release such as v26.2.0`,
    })
  }
  return line
}

/** The version from an image reference such as `oryd/kratos:v1.3.1-distroless`. */
export const versionFromImage = (image: string): KratosVersion | undefined => {
  const tag = /:([^:/@]+)(?:@.*)?$/.exec(image)?.[1]
  return tag === undefined ? undefined : versionLine(tag)
}

export interface EnvKey {
  readonly path: string
  readonly index?: number
}

export interface Model {
  defaultValue(path: string, version: KratosVersion): unknown
  keySpec(path: string, version: KratosVersion): KeySpec | undefined
  envVarToKey(name: string, version: KratosVersion): EnvKey | undefined
  castEnvValue(
    raw: string,
    spec: KeySpec,
  ): { ok: true; value: unknown } | { ok: false; reason: string }
  /** Keys that must never be printed. */
  isSecretKey(path: string, version: KratosVersion): boolean
}

const secretPaths =
  /^(dsn|secrets(\..*)?|courier\.smtp\.connection_uri|courier\.http\.request_config\.auth\..*)$/

/** Used until the model is available; knows no keys, so env vars and defaults do not apply. */
export const model: Model = {
  defaultValue: () => undefined,
  keySpec: () => undefined,
  envVarToKey: () => undefined,
  castEnvValue: (raw) => ({ ok: true, value: raw }),
  isSecretKey: (path) => secretPaths.test(path),
}
