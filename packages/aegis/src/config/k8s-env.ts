/**
 * Kubernetes container environment: `env` entries with `value` or `valueFrom`, and `envFrom`.
 * A `secretKeyRef` or `configMapKeyRef` to an object among the inputs gives its value; to one
 * that is not, the value is unknown and counts as set elsewhere, never as missing (issue 2).
 */
import type { SourceLocation } from '../engine/finding.ts'
import type { Collector } from './collector.ts'
import { ExternalValue, isRecord } from './tree.ts'
import type { ValueOrigin } from './types.ts'

/** `Secret/<name>` or `ConfigMap/<name>` → its decoded data. */
export type DataObjects = ReadonlyMap<string, ReadonlyMap<string, string>>

type OriginBase = Pick<ValueOrigin, 'kind' | 'via'>

/**
 * Kubernetes dependent variables: `$(NAME)` in `env` values, `command` and `args` takes the value
 * of a variable defined before it; `$$(` is a literal `$(`; an unknown name is left as written.
 */
export const expandK8s = (text: string, known: ReadonlyMap<string, string>): string =>
  text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name?: string) =>
    name === undefined ? '$' : (known.get(name) ?? match),
  )

const remember = (known: Map<string, string> | undefined, name: string, value: unknown): void => {
  if (known !== undefined && typeof value === 'string') known.set(name, value)
}

const refValue = (
  ref: unknown,
  kind: 'Secret' | 'ConfigMap',
  objects: DataObjects,
): string | ExternalValue | undefined => {
  if (!isRecord(ref)) return undefined
  const name = typeof ref['name'] === 'string' ? ref['name'] : ''
  const key = typeof ref['key'] === 'string' ? ref['key'] : ''
  const value = objects.get(`${kind}/${name}`)?.get(key)
  return value ?? new ExternalValue(`${kind} ${name} key ${key}`)
}

export const addK8sEnvList = (
  collector: Collector,
  list: readonly unknown[],
  path: string,
  at: (path: string) => SourceLocation | null,
  base: OriginBase,
  objects: DataObjects,
  known?: Map<string, string>,
): void => {
  list.forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry['name'] !== 'string') return
    const name = entry['name']
    const origin: ValueOrigin = { ...base, location: at(`${path}.${i}`), envVar: name }
    const from = entry['valueFrom']
    let value: string | ExternalValue | undefined
    if (isRecord(from)) {
      value =
        refValue(from['secretKeyRef'], 'Secret', objects) ??
        refValue(from['configMapKeyRef'], 'ConfigMap', objects) ??
        new ExternalValue('a fieldRef or resourceFieldRef')
    } else {
      const raw = entry['value']
      value =
        typeof raw === 'string'
          ? expandK8s(raw, known ?? new Map())
          : raw === undefined || raw === null
            ? ''
            : JSON.stringify(raw)
    }
    remember(known, name, value)
    collector.env.push({ name, value, origin })
  })
}

export const addK8sEnvFrom = (
  collector: Collector,
  list: readonly unknown[],
  path: string,
  at: (path: string) => SourceLocation | null,
  base: OriginBase,
  objects: DataObjects,
  known?: Map<string, string>,
): void => {
  list.forEach((entry, i) => {
    if (!isRecord(entry)) return
    const prefix = typeof entry['prefix'] === 'string' ? entry['prefix'] : ''
    for (const kind of ['Secret', 'ConfigMap'] as const) {
      const ref = entry[kind === 'Secret' ? 'secretRef' : 'configMapRef']
      if (!isRecord(ref) || typeof ref['name'] !== 'string') continue
      const location = at(`${path}.${i}`)
      const data = objects.get(`${kind}/${ref['name']}`)
      if (data === undefined) {
        collector.unresolvedEnv.push({ ...base, location, via: `envFrom ${kind} ${ref['name']}` })
        collector.warnings.push(
          `${base.via ?? ''}: envFrom ${kind} ${ref['name']} is not among the inputs; DSN and secrets may be set there`,
        )
        continue
      }
      for (const [key, value] of data) {
        const name = `${prefix}${key}`
        remember(known, name, value)
        collector.env.push({
          name,
          value,
          origin: {
            ...base,
            location,
            envVar: name,
            via: `${base.via ?? ''} envFrom ${kind} ${ref['name']}`,
          },
        })
      }
    }
  })
}
