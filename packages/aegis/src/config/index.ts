/**
 * Loaders and the merged ConfigView (APIS.md, "Config / ConfigView").
 */
import type { KratosVersion } from '../kratos/types.ts'
import { buildView } from './build-view.ts'
import { newCollector } from './collector.ts'
import { configLayer } from './config-file.ts'
import type { EnvVar } from './env-layer.ts'
import type { ConfigView } from './types.ts'

export { loadDeployment } from './load.ts'
export type { LoadedDeployment, LoadOptions, SourceFile, SourceKind } from './load-types.ts'
export type { ConfigView, ValueOrigin, ValueWithOrigin, ViewEntry } from './types.ts'
export { ExternalValue } from './tree.ts'

/**
 * A view as if `tree` came from one config file (no positions), plus environment variables and
 * `--dev`, merged as Kratos merges them. For tests and rules.
 */
export const viewFromObject = (
  tree: Record<string, unknown>,
  options: {
    version?: KratosVersion
    env?: Record<string, string>
    file?: string
    dev?: boolean
  } = {},
): ConfigView => {
  const file = options.file ?? 'kratos.yml'
  const collector = newCollector()
  collector.configLayers.push(configLayer({ tree, positions: new Map() }, file))
  collector.sources.push(file)
  if (options.dev === true) {
    collector.flags.push({
      path: 'dev',
      value: true,
      origin: { kind: 'flag', location: null, flag: '--dev' },
    })
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    const v: EnvVar = { name, value, origin: { kind: 'env', location: null, envVar: name } }
    collector.env.push(v)
  }
  const { view } = buildView(
    collector,
    options.version === undefined ? {} : { kratosVersion: options.version },
  )
  return view
}
