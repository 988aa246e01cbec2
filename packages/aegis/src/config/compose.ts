/**
 * docker-compose carrier: the Kratos service's image (version), environment (with compose
 * interpolation), env_file, and command/entrypoint flags; the `-c` container paths map back to
 * host files through the service's bind mounts, so auditing a compose file audits the config
 * it mounts.
 */
import { dirname, join } from 'node:path'
import { AegisError } from '../errors.ts'
import type { Carrier, CarrierContext, CarrierInput } from './carrier.ts'
import type { Collector } from './collector.ts'
import {
  emptyService,
  hostPathFor,
  mergeComposeService,
  type ComposeService,
} from './compose-service.ts'
import { parseEnvFile } from './env-file.ts'
import { parseKratosArgs } from './flags.ts'
import { interpolate } from './interpolate.ts'
import { addConfigFile, addEnvFile } from './plain-carriers.ts'
import { ExternalValue, isRecord } from './tree.ts'
import { nodePositions } from './yaml-source.ts'

const pending = new WeakMap<Collector, CarrierInput[]>()

/** `oryd/kratos`, `oryd/kratos:v1.3.1`, `docker.io/oryd/kratos@sha256:…`, not `oryd/kratos-selfservice-ui-node`. */
export const isKratosImage = (image: string): boolean =>
  /^(?:[^/]+\/)?oryd\/kratos(?:[:@]|$)/.test(image)

const selectService = (
  services: ReadonlyMap<string, ComposeService>,
  wanted: string | undefined,
  file: string,
): ComposeService => {
  if (wanted !== undefined) {
    const s = services.get(wanted)
    if (s === undefined) {
      throw new AegisError('AEGIS_UNSUPPORTED_INPUT', `no compose service named '${wanted}'`, {
        position: { file },
        hint: `services: ${[...services.keys()].join(', ')}`,
      })
    }
    return s
  }
  const byImage = [...services.values()].filter(
    (s) => s.image !== undefined && isKratosImage(s.image.value),
  )
  const serving = byImage.filter((s) =>
    [...(s.entrypoint?.value ?? []), ...(s.command?.value ?? [])].includes('serve'),
  )
  const chosen =
    serving[0] ?? byImage.find((s) => s.name === 'kratos') ?? byImage[0] ?? services.get('kratos')
  if (chosen === undefined) {
    throw new AegisError('AEGIS_NO_KRATOS_CONFIG', 'no compose service runs an oryd/kratos image', {
      position: { file },
      hint: 'name the Kratos service with --service',
    })
  }
  return chosen
}

const interpolationVars = async (
  projectDir: string,
  collector: Collector,
  ctx: CarrierContext,
): Promise<Map<string, string>> => {
  const vars = new Map<string, string>()
  // Compose reads the project's .env for interpolation; the shell and --env-file win over it.
  try {
    const file = join(projectDir, '.env')
    for (const line of parseEnvFile(await ctx.readFile(file, 'env'), file))
      vars.set(line.name, line.value)
  } catch (error) {
    if (!(error instanceof AegisError && error.code === 'AEGIS_FILE_NOT_FOUND')) throw error
  }
  for (const [k, v] of collector.interpolation) vars.set(k, v)
  return vars
}

const finalize = async (collector: Collector, ctx: CarrierContext): Promise<void> => {
  const inputs = pending.get(collector) ?? []
  const first = inputs[0]
  if (first === undefined) return
  const projectDir = dirname(first.file)
  const vars = await interpolationVars(projectDir, collector, ctx)
  const missing = new Set<string>()
  const interp = (text: string): string => {
    const r = interpolate(text, vars)
    for (const m of r.missing) missing.add(m)
    return r.value
  }
  const services = new Map<string, ComposeService>()
  for (const input of inputs) {
    const root = input.values?.[0]
    const raw = isRecord(root) ? root['services'] : undefined
    if (!isRecord(raw) || input.lineCounter === undefined) continue
    const positions = nodePositions(
      input.documents?.[0]?.contents,
      input.lineCounter,
      input.display,
    )
    for (const [name, spec] of Object.entries(raw)) {
      if (!isRecord(spec)) continue
      const service = services.get(name) ?? emptyService(name)
      services.set(name, service)
      mergeComposeService(service, spec, `services.${name}`, positions, projectDir, interp)
    }
  }
  const service = selectService(services, ctx.service, first.display)
  const via = `compose service ${service.name}`
  collector.sources.push(via)
  if (service.image !== undefined) collector.image = service.image.value
  for (const envFile of service.envFiles) {
    let text: string
    try {
      text = await ctx.readFile(envFile.value, 'env')
    } catch (error) {
      // `env_file: [{path, required: false}]`: compose skips a missing optional file.
      if (!envFile.required && error instanceof AegisError && error.code === 'AEGIS_FILE_NOT_FOUND')
        continue
      throw error
    }
    addEnvFile(collector, ctx.display(envFile.value), text, `${via} env_file`)
  }
  for (const [name, { value: raw, location }] of service.environment) {
    const origin = { kind: 'compose' as const, location, envVar: name, via }
    if (raw === null) {
      const value = vars.get(name)
      collector.env.push({
        name,
        value: value ?? new ExternalValue(`${name} from the environment compose runs in`),
        origin,
      })
      continue
    }
    const r = interpolate(raw, vars)
    const value =
      r.missing.length > 0
        ? new ExternalValue(`set at deploy time through \${${r.missing.join('}, ${')}}`)
        : r.value
    collector.env.push({ name, value, origin })
  }
  const words = [...(service.entrypoint?.value ?? []), ...(service.command?.value ?? [])]
  const flags = parseKratosArgs(words)
  const commandLocation = (service.command ?? service.entrypoint)?.location ?? null
  for (const containerPath of flags.configFiles) {
    const { host, volume } = hostPathFor(service, containerPath)
    if (host === undefined) {
      collector.warnings.push(
        volume === undefined
          ? `${via}: -c ${containerPath} is not under a bind mount; its content is unknown`
          : `${via}: -c ${containerPath} lives in volume '${volume.source}'; its content is unknown`,
      )
      continue
    }
    const text = await ctx.readFile(host, 'kratos-config')
    addConfigFile(collector, ctx.display(host), text, {
      kind: 'file',
      via: `${via} (-c ${containerPath})`,
    })
  }
  for (const { path, value, flag } of flags.keys) {
    collector.flags.push({
      path,
      value,
      origin: { kind: 'compose', location: commandLocation, flag, via },
    })
  }
  if (flags.configFiles.length === 0)
    collector.warnings.push(`${via}: no -c config file in its command`)
  for (const name of missing) {
    collector.warnings.push(
      `compose variable ${name} is not set here; values using it are treated as set at deploy time`,
    )
  }
}

export const composeCarrier: Carrier = (input, collector, ctx) => {
  const list = pending.get(collector) ?? []
  list.push(input)
  pending.set(collector, list)
  const document = input.documents?.[0]
  collector.files.set(input.display, {
    path: input.display,
    text: input.text,
    kind: 'compose',
    ...(document === undefined ? {} : { document }),
  })
  collector.sources.push(input.display)
  collector.finalizers.set('compose', () => finalize(collector, ctx))
  return Promise.resolve()
}
