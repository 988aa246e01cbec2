/**
 * The loader's window on the Kratos model (packages/aegis/src/kratos/), kept in one file so the
 * loaders depend on a handful of functions only.
 */
import { AegisError } from '../errors.ts'
import { memoByText } from '../memo.ts'
import {
  castEnvValue,
  defaultValue,
  envVarToKey,
  keySpec,
  kratosVersions,
  versionFromString,
  type KratosVersion,
} from '../kratos/index.ts'

/** The newest release (FACTS.md §0): what a deployment most likely runs when nothing says. */
export const assumedVersion: KratosVersion = 'v26.2'

export const versionLine = (text: string): KratosVersion | undefined => versionFromString(text)

/** A version given by the user; unknown text is an error rather than a silent guess. */
export const userVersion = (text: string): KratosVersion => {
  const line = versionFromString(text)
  if (line === undefined) {
    throw new AegisError('AEGIS_VERSION_UNKNOWN', `unknown Kratos version '${text}'`, {
      hint: `use one of ${kratosVersions.join(', ')} or a release such as v26.2.0`,
    })
  }
  return line
}

/** The version from an image reference such as `oryd/kratos:v1.3.1-distroless`. */
export const versionFromImage = (image: string): KratosVersion | undefined => {
  const tag = imageTag(image)
  return tag === undefined ? undefined : versionFromString(tag)
}

/** The version an image reference's tag names (`v1.3.1` for `oryd/kratos:v1.3.1-distroless`). */
export const imageTag = (image: string): string | undefined =>
  /:([^:/@]+)(?:@.*)?$/.exec(image)?.[1]?.replace(/-distroless$/, '')

const secretPaths = /^(dsn|secrets(\..*)?|courier\.smtp\.connection_uri)$/

/**
 * Schema defaults by version and path. The compiled model never changes, and every view asks for
 * the same few hundred keys, so each is found once; the cap keeps odd paths from growing it.
 */
const defaults = new Map<KratosVersion, (path: string) => unknown>()

const cachedDefault = (path: string, version: KratosVersion): unknown => {
  let byPath = defaults.get(version)
  if (byPath === undefined) {
    byPath = memoByText((p) => defaultValue(p, version), 4096)
    defaults.set(version, byPath)
  }
  return byPath(path)
}

export const model = {
  defaultValue: cachedDefault,
  keySpec,
  envVarToKey,
  castEnvValue,
  /** Keys that must never be printed: the model's `secret` keys plus the ones FACTS.md §1.5 names. */
  isSecretKey: (path: string, version: KratosVersion): boolean =>
    secretPaths.test(path) || keySpec(path, version)?.secret === true,
}
