/** Carriers for a Kratos config file given directly (as with `-c`) and for a `.env` file. */
import type { Carrier } from './carrier.ts'
import type { Collector } from './collector.ts'
import { configLayer, parseConfigText, type OriginBase } from './config-file.ts'
import { parseEnvFile } from './env-file.ts'
import { documentTree, nodePositions } from './yaml-source.ts'

/** Parses a Kratos config and adds it as the next `-c` layer. */
export const addConfigFile = (
  collector: Collector,
  display: string,
  text: string,
  base: OriginBase = { kind: 'file' },
): void => {
  const parsed = parseConfigText(text, display)
  collector.configLayers.push(configLayer(parsed, display, base))
  collector.files.set(display, {
    path: display,
    text,
    kind: 'kratos-config',
    ...(parsed.document === undefined ? {} : { document: parsed.document }),
  })
  collector.sources.push(display)
}

export const kratosConfigCarrier: Carrier = (input, collector) => {
  const document = input.documents?.[0]
  if (document === undefined || input.lineCounter === undefined) {
    addConfigFile(collector, input.display, input.text)
    return Promise.resolve()
  }
  // Already parsed to detect the kind: reuse the document rather than parse twice.
  const parsed = {
    tree: documentTree(document, input.display),
    positions: nodePositions(document.contents, input.lineCounter, input.display),
  }
  collector.configLayers.push(configLayer(parsed, input.display))
  collector.files.set(input.display, {
    path: input.display,
    text: input.text,
    kind: 'kratos-config',
    document,
  })
  collector.sources.push(input.display)
  return Promise.resolve()
}

/** Adds the variables of an env file; `via` names the carrier (`compose service kratos env_file`). */
export const addEnvFile = (
  collector: Collector,
  display: string,
  text: string,
  via = display,
): void => {
  for (const line of parseEnvFile(text, display)) {
    collector.env.push({
      name: line.name,
      value: line.value,
      origin: { kind: 'env', location: line.location, envVar: line.name, via },
    })
  }
  collector.files.set(display, { path: display, text, kind: 'env' })
  collector.sources.push(display)
}

export const envFileCarrier: Carrier = (input, collector) => {
  addEnvFile(collector, input.display, input.text)
  return Promise.resolve()
}
