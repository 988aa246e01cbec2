/**
 * Where an edit lands: the place the value really comes from (ConfigView.origin). Kratos merges
 * defaults < config files < flags < environment (FACTS.md §3), so editing the file while an env
 * var overrides it would change nothing: the env var's carrier is edited instead.
 */
import type { LoadedDeployment, SourceFile } from '../config/load-types.ts'
import type { ValueOrigin } from '../config/types.ts'
import { envNameOf } from '../kratos/env.ts'

export type Target =
  | { readonly kind: 'config'; readonly file: string; readonly path: readonly string[] }
  | {
      readonly kind: 'compose-env'
      readonly file: string
      readonly envVar: string
      readonly line: number
      readonly column: number
    }
  | {
      readonly kind: 'env-file'
      readonly file: string
      readonly envVar: string
      readonly line: number
    }
  | { readonly kind: 'manual'; readonly where: string }

const editableConfig = (f: SourceFile | undefined): f is SourceFile =>
  f !== undefined && f.kind === 'kratos-config' && !/\.toml$/i.test(f.path)

const describe = (o: ValueOrigin): string => {
  const at = o.location ? ` (${o.location.file}:${o.location.line})` : ''
  if (o.flag !== undefined) return `the flag ${o.flag} of ${o.via ?? 'the command line'}${at}`
  if (o.envVar !== undefined)
    return `the environment variable ${o.envVar} in ${o.via ?? 'the process environment'}${at}`
  return `${o.via ?? o.kind}${at}`
}

/** The first Kratos config file read, where keys nothing sets yet are added. */
const primaryConfig = (d: LoadedDeployment): SourceFile | undefined =>
  [...d.files.values()].find(editableConfig)

/** The ory/kratos chart renders `kratos.config` of its values as the Kratos config file. */
const helmPrefix = ['kratos', 'config'] as const
const helmValues = (d: LoadedDeployment): SourceFile | undefined =>
  [...d.files.values()].find((f) => f.kind === 'helm-values' && f.document !== undefined)

export const targetFor = (d: LoadedDeployment, key: string): Target => {
  const o = d.view.origin(key)
  const path = key.split('.')
  const file = o.location?.file
  if (o.kind === 'file' && file !== undefined && editableConfig(d.files.get(file))) {
    return { kind: 'config', file, path }
  }
  if (o.kind === 'helm' && file !== undefined) {
    const values = d.files.get(file)
    const helmPath = [...helmPrefix, ...path]
    if (values?.kind === 'helm-values' && values.document?.hasIn(helmPath) === true) {
      return { kind: 'config', file, path: helmPath }
    }
  }
  if (o.kind === 'default') {
    const primary = primaryConfig(d)
    if (primary !== undefined) return { kind: 'config', file: primary.path, path }
    const values = helmValues(d)
    if (values?.document?.hasIn(helmPrefix) === true) {
      return { kind: 'config', file: values.path, path: [...helmPrefix, ...path] }
    }
    return {
      kind: 'manual',
      where: `no editable Kratos config file was given; set ${envNameOf(key)} where Kratos' environment is defined`,
    }
  }
  if (o.envVar !== undefined && o.location !== null && file !== undefined) {
    const carrier = d.files.get(file)
    if (carrier?.kind === 'compose') {
      return {
        kind: 'compose-env',
        file,
        envVar: o.envVar,
        line: o.location.line,
        column: o.location.column,
      }
    }
    if (carrier?.kind === 'env')
      return { kind: 'env-file', file, envVar: o.envVar, line: o.location.line }
  }
  return { kind: 'manual', where: describe(o) }
}
