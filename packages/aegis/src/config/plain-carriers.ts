/** Carriers for a Kratos config file given directly (as with `-c`) and for a `.env` file. */
import type { Carrier } from './carrier.ts'
import { configLayer, parseConfigText } from './config-file.ts'
import { parseEnvFile } from './env-file.ts'

export const kratosConfigCarrier: Carrier = (input, collector) => {
  const parsed = parseConfigText(input.text, input.display)
  collector.configLayers.push(configLayer(parsed, input.display))
  collector.files.set(input.display, {
    path: input.display,
    text: input.text,
    kind: 'kratos-config',
    ...(parsed.document === undefined ? {} : { document: parsed.document }),
  })
  collector.sources.push(input.display)
  return Promise.resolve()
}

export const envFileCarrier: Carrier = (input, collector) => {
  for (const line of parseEnvFile(input.text, input.display)) {
    collector.env.push({
      name: line.name,
      value: line.value,
      origin: { kind: 'env', location: line.location, envVar: line.name, via: input.display },
    })
  }
  collector.files.set(input.display, { path: input.display, text: input.text, kind: 'env' })
  collector.sources.push(input.display)
  return Promise.resolve()
}
