/**
 * Kubernetes manifests: the Kratos container of a Deployment/StatefulSet/… (image, args, env,
 * envFrom), the config it mounts from a ConfigMap (positions inside the embedded block scalar
 * map to real manifest lines), and Secrets/ConfigMaps among the inputs that supply values.
 * With no workload among the inputs, ConfigMaps that hold a Kratos config are read as such.
 */
import { extname } from 'node:path'
import { AegisError } from '../errors.ts'
import type { SourceLocation } from '../engine/finding.ts'
import type { Carrier, CarrierContext, CarrierInput } from './carrier.ts'
import type { Collector } from './collector.ts'
import { isKratosImage } from './compose.ts'
import { originsFor, parseConfigText } from './config-file.ts'
import { parseKratosArgs } from './flags.ts'
import { addK8sEnvFrom, addK8sEnvList, expandK8s } from './k8s-env.ts'
import { collectObjects, dataObjects, embeddedText, type K8sObject } from './k8s-objects.ts'
import { isRecord, lookup, type Tree } from './tree.ts'

const pending = new WeakMap<Collector, CarrierInput[]>()

const podSpecPath: Readonly<Record<string, string>> = {
  Deployment: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
  Pod: 'spec',
}

interface Found {
  readonly object: K8sObject
  readonly spec: Tree
  readonly specPath: string
  readonly container: Tree
  readonly index: number
}

const args = (c: Tree): string[] =>
  [c['command'], c['args']].flatMap((v) => (Array.isArray(v) ? v.map((w) => String(w)) : []))

const findContainer = (
  objects: readonly K8sObject[],
  wanted: string | undefined,
): Found | undefined => {
  const found: Found[] = []
  for (const object of objects) {
    const specPath = podSpecPath[object.kind]
    if (specPath === undefined) continue
    const spec = lookup(object.value, specPath).value
    const containers = isRecord(spec) ? spec['containers'] : undefined
    if (!isRecord(spec) || !Array.isArray(containers)) continue
    containers.forEach((container: unknown, index) => {
      if (!isRecord(container)) return
      const image = typeof container['image'] === 'string' ? container['image'] : ''
      const matches =
        wanted === undefined
          ? isKratosImage(image)
          : container['name'] === wanted || object.name === wanted
      if (matches) found.push({ object, spec, specPath, container, index })
    })
  }
  return found.find((f) => args(f.container).includes('serve')) ?? found[0]
}

/** The ConfigMap (or Secret) key behind a container path, through the container's volumeMounts. */
const mountedSource = (
  f: Found,
  path: string,
): { kind: string; name: string; key: string } | undefined => {
  const mounts = f.container['volumeMounts']
  const volumes = f.spec['volumes']
  if (!Array.isArray(mounts) || !Array.isArray(volumes)) return undefined
  for (const m of mounts) {
    if (!isRecord(m) || typeof m['mountPath'] !== 'string') continue
    const mountPath = m['mountPath'].replace(/\/+$/, '')
    const subPath = typeof m['subPath'] === 'string' ? m['subPath'] : undefined
    const rel =
      subPath !== undefined
        ? path === mountPath
          ? subPath
          : undefined
        : path.startsWith(`${mountPath}/`)
          ? path.slice(mountPath.length + 1)
          : undefined
    if (rel === undefined) continue
    const volume: unknown = volumes.find((v: unknown) => isRecord(v) && v['name'] === m['name'])
    if (!isRecord(volume)) continue
    const projected = lookup(volume, 'projected.sources').value
    const refs: unknown[] = [volume, ...(Array.isArray(projected) ? (projected as unknown[]) : [])]
    for (const ref of refs) {
      if (!isRecord(ref)) continue
      const cm = ref['configMap']
      const secret = ref['secret']
      const [kind, source] = isRecord(cm)
        ? ['ConfigMap', cm]
        : isRecord(secret)
          ? ['Secret', secret]
          : []
      if (kind === undefined || source === undefined) continue
      const name = source['name'] ?? source['secretName']
      if (typeof name !== 'string') continue
      const items = source['items']
      const item: unknown = Array.isArray(items)
        ? items.find((i: unknown) => isRecord(i) && i['path'] === rel)
        : undefined
      const key = isRecord(item) && typeof item['key'] === 'string' ? item['key'] : rel
      return { kind, name, key }
    }
  }
  return undefined
}

const addEmbeddedConfig = (collector: Collector, object: K8sObject, key: string): boolean => {
  const embedded = embeddedText(object, key)
  if (embedded === undefined) return false
  const pseudo = `${object.file}#${object.kind}/${object.name}/${key}`
  let parsed
  try {
    parsed = parseConfigText(embedded.text, extname(key) === '.toml' ? `${pseudo}.toml` : pseudo)
  } catch (error) {
    if (!(error instanceof AegisError) || embedded.remap === undefined) throw error
    const p = error.position
    const at = p?.line === undefined ? undefined : embedded.remap(p.line, p.column ?? 1)
    throw new AegisError(
      error.code,
      `${object.kind} ${object.name} data.${key}: ${error.message}`,
      {
        position: {
          file: object.file,
          ...(at === undefined ? {} : { line: at.line, column: at.column }),
        },
      },
    )
  }
  const positions = new Map<string, SourceLocation>()
  if (embedded.remap !== undefined) {
    for (const [path, loc] of parsed.positions) {
      const a = embedded.remap(loc.line, loc.column)
      positions.set(path, { file: object.file, line: a.line, column: a.column })
    }
  }
  const via = `${object.kind} ${object.name} data.${key}`
  collector.configLayers.push({
    tree: parsed.tree,
    origins: originsFor(parsed.tree, positions, { kind: 'kubernetes', via }, embedded.location),
    source: via,
  })
  collector.sources.push(via)
  return true
}

const looksLikeKratosConfig = (key: string, text: string): boolean =>
  /\.(ya?ml|json|toml)$/i.test(key) &&
  /^(dsn|selfservice|identity|serve|session|secrets)\s*[:=]|"(dsn|selfservice|identity)"\s*:/m.test(
    text,
  )

const finalize = (collector: Collector, ctx: CarrierContext): Promise<void> => {
  const objects = collectObjects(pending.get(collector) ?? [])
  const data = dataObjects(objects)
  const found = findContainer(objects, ctx.service)
  if (found === undefined) {
    for (const o of objects.filter((x) => x.kind === 'ConfigMap')) {
      const entries = isRecord(o.value['data']) ? Object.entries(o.value['data']) : []
      for (const [key, text] of entries) {
        if (typeof text === 'string' && looksLikeKratosConfig(key, text))
          addEmbeddedConfig(collector, o, key)
      }
    }
    // Auditing nothing would report Kratos' schema defaults as if they were the deployment's
    // (QA M4): a wrong path in CI must fail, not pass with a permissive --fail-on.
    if (collector.configLayers.length === 0) {
      const first = (pending.get(collector) ?? [])[0]
      throw new AegisError(
        'AEGIS_NO_KRATOS_CONFIG',
        'no Kratos container (oryd/kratos image) or Kratos config among the Kubernetes inputs',
        {
          ...(first === undefined ? {} : { position: { file: first.display } }),
          hint: 'name the container with --service, or pass the Kratos config as well',
        },
      )
    }
    return Promise.resolve()
  }
  const { object, container, specPath, index } = found
  const base = `${specPath}.containers.${index}`
  const at = (sub: string): SourceLocation | null => object.positions.get(`${base}.${sub}`) ?? null
  const cname = typeof container['name'] === 'string' ? container['name'] : String(index)
  const via = `${object.kind} ${object.name} container ${cname}`
  collector.sources.push(via)
  if (typeof container['image'] === 'string') collector.image = container['image']
  const known = new Map<string, string>()
  const envFrom = container['envFrom']
  if (Array.isArray(envFrom))
    addK8sEnvFrom(collector, envFrom, 'envFrom', at, { kind: 'kubernetes', via }, data, known)
  const env = container['env']
  if (Array.isArray(env))
    addK8sEnvList(collector, env, 'env', at, { kind: 'kubernetes', via }, data, known)
  const flags = parseKratosArgs(args(container).map((w) => expandK8s(w, known)))
  for (const path of flags.configFiles) {
    const source = mountedSource(found, path)
    const holder = source && objects.find((o) => o.kind === source.kind && o.name === source.name)
    if (
      source === undefined ||
      holder === undefined ||
      !addEmbeddedConfig(collector, holder, source.key)
    ) {
      collector.warnings.push(
        `${via}: -c ${path} is not in a ConfigMap or Secret among the inputs; its content is unknown`,
      )
    }
  }
  const argsLocation = at('args') ?? at('command')
  for (const { path, value, flag } of flags.keys) {
    collector.flags.push({
      path,
      value,
      origin: { kind: 'kubernetes', location: argsLocation, flag, via },
    })
  }
  return Promise.resolve()
}

export const kubernetesCarrier: Carrier = (input, collector, ctx) => {
  const list = pending.get(collector) ?? []
  list.push(input)
  pending.set(collector, list)
  const documents = input.documents ?? []
  collector.files.set(input.display, {
    path: input.display,
    text: input.text,
    kind: 'kubernetes',
    ...(documents[0] === undefined ? {} : { document: documents[0] }),
    documents,
  })
  collector.sources.push(input.display)
  collector.finalizers.set('kubernetes', () => finalize(collector, ctx))
  return Promise.resolve()
}
