/**
 * Reads the Kratos service out of one or more compose files, merged the way `docker compose -f a
 * -f b` merges them (compose specification, "Merge and override"): `environment` by variable
 * name, `volumes` by container path, `command`/`entrypoint`/`image` replaced, `env_file` appended.
 * Relative paths resolve against the first file's directory (the project directory).
 */
import { resolve } from 'node:path'
import type { SourceLocation } from '../engine/finding.ts'
import { splitCommand } from './flags.ts'
import { isRecord, joinPath } from './tree.ts'

export interface Located<T> {
  readonly value: T
  readonly location: SourceLocation | null
}

export interface ComposeVolume {
  readonly type: 'bind' | 'volume' | 'other'
  /** Host path (bind, absolute) or volume name. */
  readonly source: string
  readonly target: string
}

export interface ComposeService {
  readonly name: string
  image?: Located<string>
  /** Raw (not yet interpolated) values; null means "taken from the shell environment". */
  readonly environment: Map<string, Located<string | null>>
  readonly envFiles: (Located<string> & { readonly required: boolean })[]
  readonly volumes: Map<string, Located<ComposeVolume>>
  command?: Located<string[]>
  entrypoint?: Located<string[]>
}

export type Positions = ReadonlyMap<string, SourceLocation>

const scalarText = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v)

const isHostPath = (source: string): boolean => /^(\.{1,2}(\/|$)|\/|~)/.test(source)

const shortVolume = (spec: string, projectDir: string): ComposeVolume | undefined => {
  const parts = spec.split(':')
  if (parts.length < 2) return undefined
  const source = parts[0] ?? ''
  const target = parts[1] ?? ''
  return isHostPath(source)
    ? { type: 'bind', source: resolve(projectDir, source), target }
    : { type: 'volume', source, target }
}

const longVolume = (
  spec: Record<string, unknown>,
  projectDir: string,
): ComposeVolume | undefined => {
  const target = spec['target']
  const source = spec['source']
  if (typeof target !== 'string') return undefined
  const type = spec['type'] === 'bind' ? 'bind' : spec['type'] === 'volume' ? 'volume' : 'other'
  if (type === 'bind' && typeof source === 'string') {
    return { type, source: resolve(projectDir, source), target }
  }
  return { type, source: typeof source === 'string' ? source : '', target }
}

/** Merges one compose file's `services.<name>` into `into`. */
export const mergeComposeService = (
  into: ComposeService,
  raw: Record<string, unknown>,
  base: string,
  positions: Positions,
  projectDir: string,
  interpolate: (text: string) => string,
): void => {
  const at = (sub: string): SourceLocation | null => positions.get(joinPath(base, sub)) ?? null
  if (typeof raw['image'] === 'string')
    into.image = { value: interpolate(raw['image']), location: at('image') }
  const env = raw['environment']
  if (Array.isArray(env)) {
    env.forEach((item, i) => {
      const text = scalarText(item) ?? ''
      const eq = text.indexOf('=')
      const name = eq === -1 ? text : text.slice(0, eq)
      const value = eq === -1 ? null : text.slice(eq + 1)
      if (name !== '') into.environment.set(name, { value, location: at(`environment.${i}`) })
    })
  } else if (isRecord(env)) {
    for (const [name, v] of Object.entries(env)) {
      into.environment.set(name, { value: scalarText(v), location: at(`environment.${name}`) })
    }
  }
  const envFile = raw['env_file']
  const envFiles = typeof envFile === 'string' ? [envFile] : Array.isArray(envFile) ? envFile : []
  envFiles.forEach((f: unknown, i) => {
    const path =
      typeof f === 'string'
        ? f
        : isRecord(f) && typeof f['path'] === 'string'
          ? f['path']
          : undefined
    const where = typeof envFile === 'string' ? at('env_file') : at(`env_file.${i}`)
    if (path === undefined) return
    const required = !(isRecord(f) && f['required'] === false)
    into.envFiles.push({ value: resolve(projectDir, interpolate(path)), location: where, required })
  })
  const volumes = raw['volumes']
  if (Array.isArray(volumes)) {
    volumes.forEach((v: unknown, i) => {
      const volume =
        typeof v === 'string'
          ? shortVolume(interpolate(v), projectDir)
          : isRecord(v)
            ? longVolume(v, projectDir)
            : undefined
      if (volume !== undefined)
        into.volumes.set(volume.target, { value: volume, location: at(`volumes.${i}`) })
    })
  }
  for (const key of ['command', 'entrypoint'] as const) {
    const v = raw[key]
    if (typeof v === 'string' || Array.isArray(v)) {
      const words =
        typeof v === 'string' ? splitCommand(interpolate(v)) : v.map((w) => interpolate(String(w)))
      into[key] = { value: words, location: at(key) }
    }
  }
}

export const emptyService = (name: string): ComposeService => ({
  name,
  environment: new Map(),
  envFiles: [],
  volumes: new Map(),
})

/** The host file behind a container path, through the longest matching bind mount. */
export const hostPathFor = (
  service: ComposeService,
  containerPath: string,
): { host?: string; volume?: ComposeVolume } => {
  let best: ComposeVolume | undefined
  for (const { value } of service.volumes.values()) {
    const t = value.target.replace(/\/+$/, '')
    if (
      (containerPath === t || containerPath.startsWith(`${t}/`)) &&
      (best === undefined || t.length > best.target.length)
    ) {
      best = value
    }
  }
  if (best === undefined) return {}
  if (best.type !== 'bind') return { volume: best }
  const rest = containerPath.slice(best.target.replace(/\/+$/, '').length)
  return { host: `${best.source.replace(/\/+$/, '')}${rest}`, volume: best }
}
