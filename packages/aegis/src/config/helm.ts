/**
 * Helm values for the ory/kratos chart: `kratos.config` is the Kratos config (the chart renders
 * it into a ConfigMap, with `dsn` and `secrets` moved into a Secret and handed back as env vars,
 * which ends in the same merged values); `kratos.development` adds `--dev`; `image.tag` gives the
 * version; `deployment.extraEnv` (and `env`/`extraEnv` lists) add variables. With
 * `secret.enabled: false` the chart reads DSN and secrets from an existing Secret: set elsewhere.
 */
import { isMap, type Document } from 'yaml'
import type { Carrier } from './carrier.ts'
import { originsFor } from './config-file.ts'
import { addK8sEnvList } from './k8s-env.ts'
import { ExternalValue, isRecord, lookup } from './tree.ts'
import type { ValueOrigin } from './types.ts'
import { nodePositions } from './yaml-source.ts'

const secretKeys: readonly [string, string][] = [
  ['dsn', 'DSN'],
  ['secrets.default', 'SECRETS_DEFAULT'],
  ['secrets.cookie', 'SECRETS_COOKIE'],
  ['secrets.cipher', 'SECRETS_CIPHER'],
]

const nodeAt = (document: Document | undefined, path: readonly string[]): unknown =>
  document?.getIn(path, true)

export const helmCarrier: Carrier = (input, collector) => {
  const values = input.values?.[0]
  const document = input.documents?.[0]
  if (!isRecord(values) || input.lineCounter === undefined) return Promise.resolve()
  const file = input.display
  const all = nodePositions(document?.contents, input.lineCounter, file)
  const at = (path: string): ValueOrigin['location'] => all.get(path) ?? null
  const via = 'Helm values'
  collector.files.set(file, {
    path: file,
    text: input.text,
    kind: 'helm-values',
    ...(document === undefined ? {} : { document }),
  })
  collector.sources.push(file)
  const config = lookup(values, 'kratos.config').value
  if (isRecord(config)) {
    const configNode = nodeAt(document, ['kratos', 'config'])
    const positions = isMap(configNode)
      ? nodePositions(configNode, input.lineCounter, file)
      : new Map()
    collector.configLayers.push({
      tree: config,
      origins: originsFor(config, positions, { kind: 'helm', via: `${via} kratos.config` }),
      source: `${file} kratos.config`,
    })
  }
  const development = lookup(values, 'kratos.development').value
  if (development === true) {
    collector.flags.push({
      path: 'dev',
      value: true,
      origin: {
        kind: 'helm',
        location: at('kratos.development'),
        flag: '--dev',
        via: `${via} kratos.development`,
      },
    })
  }
  const repository = lookup(values, 'image.repository').value
  const tag = lookup(values, 'image.tag').value
  if (typeof tag === 'string' || typeof tag === 'number') {
    collector.image = `${typeof repository === 'string' ? repository : 'oryd/kratos'}:${String(tag)}`
  }
  for (const path of ['deployment.extraEnv', 'deployment.env', 'extraEnv', 'env']) {
    const list = lookup(values, path).value
    if (Array.isArray(list)) {
      addK8sEnvList(
        collector,
        list,
        path,
        (sub) => at(sub),
        { kind: 'helm', via: `${via} ${path}` },
        new Map(),
      )
    }
  }
  if (lookup(values, 'secret.enabled').value === false) {
    const override = lookup(values, 'secret.nameOverride').value
    const name = typeof override === 'string' && override !== '' ? override : 'the chart Secret'
    const origin: ValueOrigin = {
      kind: 'helm',
      location: at('secret.enabled'),
      via: `${via} (existing Secret ${name})`,
    }
    for (const [path, envVar] of secretKeys) {
      if (lookup(config, path).found) continue
      collector.env.push({
        name: envVar,
        value: new ExternalValue(`Secret ${name}`),
        origin: { ...origin, envVar },
      })
    }
  }
  return Promise.resolve()
}
