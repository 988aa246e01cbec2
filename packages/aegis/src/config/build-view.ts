/**
 * Merges what the carriers collected in Kratos' order (FACTS.md §3): schema defaults < config
 * files in `-c` order < flags < environment.
 */
import type { KratosVersion } from '../kratos/types.ts'
import type { Collector } from './collector.ts'
import { envLayer } from './env-layer.ts'
import { emptyMerged, layerFromAssignments, mergeLayer } from './layer.ts'
import { outsideModelledLines } from '../kratos/version.ts'
import {
  assumedVersion,
  imageTag,
  model,
  userVersion,
  versionFromImage,
  versionLine,
} from './model.ts'
import { ExternalValue, lookup } from './tree.ts'
import type { ConfigView, ValueOrigin } from './types.ts'
import { createView } from './view.ts'

const decideVersion = (
  collector: Collector,
  configVersion: unknown,
  user: string | undefined,
): {
  version: KratosVersion
  versionSource: ConfigView['versionSource']
  /** The version as written, when it decided. */
  given?: string
} => {
  if (user !== undefined) return { version: userVersion(user), versionSource: 'user', given: user }
  const fromImage = collector.image === undefined ? undefined : versionFromImage(collector.image)
  if (fromImage !== undefined) {
    const given = imageTag(collector.image ?? '')
    return { version: fromImage, versionSource: 'image', ...(given === undefined ? {} : { given }) }
  }
  const fromConfig = typeof configVersion === 'string' ? versionLine(configVersion) : undefined
  if (fromConfig !== undefined)
    return { version: fromConfig, versionSource: 'config', given: configVersion as string }
  return { version: assumedVersion, versionSource: 'assumed' }
}

/** Keys usually kept in a Secret: external when an envFrom Secret could not be read. */
const unresolvedSecretKeys = ['dsn', 'secrets.default', 'secrets.cookie', 'secrets.cipher']

export const buildView = (
  collector: Collector,
  options: { kratosVersion?: string } = {},
): { view: ConfigView; warnings: string[] } => {
  // The version comes from the config files alone, read before flags and environment merge in.
  const merged = emptyMerged()
  for (const layer of collector.configLayers) mergeLayer(merged, layer)
  const { version, versionSource, given } = decideVersion(
    collector,
    lookup(merged.tree, 'version').value,
    options.kratosVersion,
  )
  const approximated = given === undefined ? undefined : outsideModelledLines(given)
  mergeLayer(merged, layerFromAssignments('flags', collector.flags))
  const env = envLayer(collector.env, version)
  mergeLayer(merged, env.layer)
  if (collector.unresolvedEnv.length > 0) {
    const origin = collector.unresolvedEnv[0] as ValueOrigin
    const via = collector.unresolvedEnv.map((o) => o.via ?? o.kind).join(', ')
    const unset = unresolvedSecretKeys.filter((k) => !lookup(merged.tree, k).found)
    const value = new ExternalValue(`may be set by ${via}`)
    mergeLayer(
      merged,
      layerFromAssignments(
        via,
        unset.map((path) => ({ path, value, origin })),
      ),
    )
  }
  const view = createView({
    merged,
    version,
    versionSource,
    defaultValue: (path, v) => model.defaultValue(path, v),
    rawEnv: env.rawEnv,
    unmappedEnv: env.unmapped,
    sources: collector.sources,
  })
  return {
    view,
    warnings: [
      ...(approximated === undefined ? [] : [approximated]),
      ...collector.warnings,
      ...env.warnings,
    ],
  }
}
