/**
 * loadDeployment: reads every input, hands it to the carrier for its kind, merges as Kratos does.
 */
import { access } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { AegisError } from '../errors.ts'
import { buildView } from './build-view.ts'
import type { CarrierContext, CarrierInput } from './carrier.ts'
import { carriers } from './carriers.ts'
import { newCollector, type Collector } from './collector.ts'
import {
  composeOverrideNames,
  detectYamlKind,
  isEnvFileName,
  looksLikeKratosConfig,
} from './detect.ts'
import { parseEnvFile } from './env-file.ts'
import type { EnvVar } from './env-layer.ts'
import type { LoadedDeployment, LoadOptions, SourceKind } from './load-types.ts'
import { isDirectory, listManifestFiles, readTextFile } from './read-input.ts'
import { isTomlPath } from './config-file.ts'
import { nodeValue, parseYamlText } from './yaml-source.ts'

const display = (cwd: string, file: string): string => {
  const rel = relative(cwd, file)
  return rel !== '' && !rel.startsWith('..') ? rel : file
}

const classify = (file: string, shown: string, text: string): CarrierInput => {
  if (isEnvFileName(file)) return { file, display: shown, text, kind: 'env' }
  if (isTomlPath(file)) return { file, display: shown, text, kind: 'kratos-config' }
  const { documents, lineCounter } = parseYamlText(text, shown, true)
  const values = documents.map((d) => nodeValue(d.contents, d, shown))
  const kind: SourceKind = detectYamlKind(file, documents, values)
  return { file, display: shown, text, kind, documents, values, lineCounter }
}

const expandInputs = async (
  inputs: readonly string[],
  cwd: string,
): Promise<{ file: string; inDirectory: boolean }[]> => {
  const out: { file: string; inDirectory: boolean }[] = []
  for (const input of inputs) {
    const file = resolve(cwd, input)
    if (await isDirectory(file, input)) {
      for (const f of await listManifestFiles(file, input)) out.push({ file: f, inDirectory: true })
    } else out.push({ file, inDirectory: false })
  }
  return out
}

const exists = async (file: string): Promise<boolean> => {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}

/** The override file docker compose would add to a lone base file, if there is one. */
const composeOverride = async (
  classified: readonly CarrierInput[],
): Promise<string | undefined> => {
  const compose = classified.filter((c) => c.kind === 'compose')
  const base = compose[0]
  if (base === undefined || compose.length !== 1) return undefined
  for (const name of composeOverrideNames(base.file)) {
    const file = join(dirname(base.file), name)
    if (await exists(file)) return file
  }
  return undefined
}

type Var = EnvVar & { readonly value: string }

const envFileVars = async (
  envFiles: readonly string[],
  cwd: string,
  collector: Collector,
): Promise<Var[]> => {
  const vars: Var[] = []
  for (const envFile of envFiles) {
    const file = resolve(cwd, envFile)
    const shown = display(cwd, file)
    const text = await readTextFile(file, shown)
    collector.files.set(shown, { path: shown, text, kind: 'env' })
    for (const line of parseEnvFile(text, shown)) {
      const origin = {
        kind: 'env' as const,
        location: line.location,
        envVar: line.name,
        via: shown,
      }
      vars.push({ name: line.name, value: line.value, origin })
    }
  }
  return vars
}

const processVars = (env: LoadOptions['env']): Var[] =>
  Object.entries(env ?? {}).flatMap(([name, value]) =>
    value === undefined
      ? []
      : [
          {
            name,
            value,
            origin: {
              kind: 'env' as const,
              location: null,
              envVar: name,
              via: 'process environment',
            },
          },
        ],
  )

export const loadDeployment = async (
  inputs: readonly string[],
  options: LoadOptions = {},
): Promise<LoadedDeployment> => {
  if (inputs.length === 0) {
    throw new AegisError('AEGIS_USAGE', 'no input given', {
      hint: 'name a Kratos config, a compose file, Helm values or Kubernetes manifests',
    })
  }
  const cwd = options.cwd ?? process.cwd()
  const collector = newCollector()
  const ctx: CarrierContext = {
    cwd,
    ...(options.service === undefined ? {} : { service: options.service }),
    display: (file) => display(cwd, file),
    readFile: async (file, kind) => {
      const shown = display(cwd, file)
      const text = await readTextFile(file, shown)
      if (!collector.files.has(shown)) collector.files.set(shown, { path: shown, text, kind })
      return text
    },
  }
  const classified: CarrierInput[] = []
  let skipped = 0
  for (const { file, inDirectory } of await expandInputs(inputs, cwd)) {
    const shown = display(cwd, file)
    const input = classify(file, shown, await readTextFile(file, shown))
    if (
      inDirectory &&
      input.kind === 'kratos-config' &&
      !looksLikeKratosConfig(input.values?.[0])
    ) {
      collector.warnings.push(`${shown}: skipped, neither a manifest nor a Kratos config`)
      skipped++
      continue
    }
    classified.push(input)
  }
  // An empty directory or one of unrelated files would otherwise be audited as Kratos' schema
  // defaults, and a CI job with a wrong path could pass (QA M4). A file named directly is a
  // config however few keys it sets.
  if (classified.length === 0) {
    throw new AegisError(
      'AEGIS_NO_KRATOS_CONFIG',
      'no Kratos config, compose file, Helm values or Kubernetes manifest found',
      {
        position: { file: inputs.join(', ') },
        hint:
          skipped === 0
            ? 'the directory holds no .yaml, .yml or .json file'
            : `${skipped} YAML/JSON file${skipped === 1 ? '' : 's'} skipped: neither a manifest nor a Kratos config`,
      },
    )
  }
  const override = await composeOverride(classified)
  if (override !== undefined) {
    const shown = display(cwd, override)
    const input = classify(override, shown, await readTextFile(override, shown))
    if (input.kind === 'compose') {
      classified.push(input)
      collector.warnings.push(
        `${shown}: read as well, as docker compose does next to its base file`,
      )
    }
  }
  // In a container deployment the user's env files and shell only feed compose interpolation;
  // Kratos sees what the compose file, chart or manifest hands it.
  const containerised = classified.some((c) => c.kind !== 'kratos-config' && c.kind !== 'env')
  const fromFiles = await envFileVars(options.envFiles ?? [], cwd, collector)
  const fromProcess = processVars(options.env)
  if (containerised) {
    for (const v of [...fromFiles, ...fromProcess]) collector.interpolation.set(v.name, v.value)
  } else {
    collector.env.push(...fromFiles)
  }
  for (const input of classified) await carriers[input.kind](input, collector, ctx)
  for (const finalize of collector.finalizers.values()) await finalize()
  if (!containerised) collector.env.push(...fromProcess)
  const { view, warnings } = buildView(collector, {
    ...(options.kratosVersion === undefined ? {} : { kratosVersion: options.kratosVersion }),
  })
  return { view, files: collector.files, warnings }
}
