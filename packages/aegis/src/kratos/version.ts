/**
 * Deciding the Kratos release line: from `version:` in a Kratos config, an image tag
 * (`oryd/kratos:v1.3.1`, `oryd/kratos:v26.2.0-distroless`) or a bare version string.
 * v1.x maps to `v1.3` (the oldest line modelled), v25.x and v26.0–26.1 to `v25.4`, v26.2 to
 * `v26.2`, anything newer, `master` and `main` to `head` (FACTS.md §0, §10). `latest` is the
 * newest release, not the main branch: Ory's release build (ory/xgoreleaser build.tmpl.yml,
 * `docker_manifests` id `latest`) points `oryd/kratos:latest` at the tagged release's images.
 */
import type { KratosVersion } from './types.ts'
import { kratosVersions } from './types.ts'

/** The newest tagged release modelled (v26.2.0 at the Kratos snapshot): what `latest` runs. */
export const newestRelease: KratosVersion = 'v26.2'

const semver = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/

const lineOf = (major: number, minor: number): KratosVersion | undefined => {
  if (major === 1) return 'v1.3'
  if (major === 25 || (major === 26 && minor < 2)) return 'v25.4'
  if (major === 26 && minor === 2) return 'v26.2'
  if (major > 26 || major === 26) return 'head'
  return undefined
}

/** Maps a version string (`v1.3.1`, `26.2.0`, `v25.4`, `head`) to a modelled line. */
export const versionFromString = (text: string): KratosVersion | undefined => {
  const trimmed = text.trim()
  if ((kratosVersions as readonly string[]).includes(trimmed)) return trimmed as KratosVersion
  if (/^latest$/i.test(trimmed)) return newestRelease
  if (/^(master|main|head)$/i.test(trimmed)) return 'head'
  const match = semver.exec(trimmed)
  if (match === null) return undefined
  return lineOf(Number(match[1]), Number(match[2]))
}

/**
 * What to tell the user when a release falls outside every line modelled and is checked against
 * the nearest one: v1.0–v1.2 as v1.3, anything after v26.2 as `head`. Undefined otherwise.
 */
export const outsideModelledLines = (text: string): string | undefined => {
  const match = semver.exec(text.trim())
  if (match === null) return undefined
  const [major, minor] = [Number(match[1]), Number(match[2])]
  if (major === 1 && minor < 3)
    return `Kratos ${text.trim()} is older than the oldest line aegis models: checked as v1.3`
  if (major > 26 || (major === 26 && minor > 2))
    return `Kratos ${text.trim()} is newer than the newest release aegis models (${newestRelease}): checked as head`
  return undefined
}

// Only v-prefixed semver: compose files have their own `version: '3.7'`.
const versionKey = /^\s*version:\s*["']?(v\d+\.\d+\.\d+[0-9A-Za-z.+-]*)["']?\s*(?:#.*)?$/m
const imageTag = /(?:^|[\s"'/=:])(?:[\w.-]+\/)*kratos(?:-distroless)?:([\w.+-]+)/m
// Helm values split the image: `repository: oryd/kratos` and `tag: v1.3.1`.
const helmRepository = /^\s*repository:\s*["']?(?:[\w.-]+\/)*kratos["']?\s*$/m
const helmTag = /^\s*tag:\s*["']?(v?\d+\.\d+\.\d+[0-9A-Za-z.+-]*)["']?\s*$/m

/**
 * Detects the version from a config, compose, Helm or manifest text, or from a bare version.
 * Undefined when nothing names a version.
 */
export const detectVersion = (text: string | undefined): KratosVersion | undefined => {
  if (text === undefined) return undefined
  const bare = versionFromString(text)
  if (bare !== undefined) return bare
  const key = versionKey.exec(text)
  if (key?.[1] !== undefined) return versionFromString(key[1])
  const image = imageTag.exec(text)
  if (image?.[1] !== undefined) return versionFromString(image[1])
  const tag = helmRepository.test(text) ? helmTag.exec(text) : null
  if (tag?.[1] !== undefined) return versionFromString(tag[1])
  return undefined
}
