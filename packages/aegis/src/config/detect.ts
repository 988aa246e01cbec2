/**
 * Decides what an input is from its name and content: a Kratos config, a compose file, Helm
 * values, Kubernetes manifests or a .env file.
 */
import { basename, extname } from 'node:path'
import type { Document } from 'yaml'
import type { SourceKind } from './load-types.ts'
import { isRecord } from './tree.ts'

export const isEnvFileName = (file: string): boolean => {
  const name = basename(file).toLowerCase()
  return name === '.env' || name.startsWith('.env.') || extname(name) === '.env'
}

const looksKubernetes = (value: unknown): boolean =>
  isRecord(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string'

/** Kind of a YAML/JSON input from its parsed documents (JS values, aliases already expanded). */
export const detectYamlKind = (
  file: string,
  documents: readonly Document[],
  values: readonly unknown[],
): SourceKind => {
  if (values.some(looksKubernetes)) return 'kubernetes'
  const first = values[0]
  if (isRecord(first)) {
    if (isRecord(first['services'])) return 'compose'
    const kratos = first['kratos']
    if (isRecord(kratos) && (isRecord(kratos['config']) || 'development' in kratos)) {
      return 'helm-values'
    }
  }
  if (documents.length > 1 && !/\.json$/i.test(file)) return 'kubernetes'
  return 'kratos-config'
}

/** Top-level keys of Kratos' schema that a real config almost always sets one of. */
const kratosTopKeys = [
  'dsn',
  'selfservice',
  'identity',
  'serve',
  'session',
  'secrets',
  'courier',
  'cookies',
  'log',
  'hashers',
  'ciphers',
  'dev',
]

/** In a directory of manifests, a YAML file with none of Kratos' keys is not a Kratos config. */
export const looksLikeKratosConfig = (value: unknown): boolean =>
  isRecord(value) && kratosTopKeys.some((k) => k in value)

/**
 * `docker compose` reads `compose.override.yaml` (or `docker-compose.override.yml`) next to the
 * base file when no `-f` is given; these are the names it tries, first match wins.
 */
export const composeOverrideNames = (file: string): string[] => {
  const name = basename(file)
  const m = /^(docker-)?compose\.ya?ml$/.exec(name)
  if (m === null) return []
  const stem = m[1] === undefined ? 'compose' : 'docker-compose'
  return [`${stem}.override.yaml`, `${stem}.override.yml`]
}
