/** The carrier for each kind of input. */
import type { Carrier } from './carrier.ts'
import type { SourceKind } from './load-types.ts'
import { envFileCarrier, kratosConfigCarrier } from './plain-carriers.ts'
import { AegisError } from '../errors.ts'
import { composeCarrier } from './compose.ts'

const notYet: Carrier = (input) =>
  Promise.reject(
    new AegisError('AEGIS_UNSUPPORTED_INPUT', `${input.kind} inputs are not read yet`, {
      position: { file: input.display },
    }),
  )

export const carriers: Readonly<Record<SourceKind, Carrier>> = {
  'kratos-config': kratosConfigCarrier,
  env: envFileCarrier,
  compose: composeCarrier,
  'helm-values': notYet,
  kubernetes: notYet,
}
