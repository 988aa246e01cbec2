/** The carrier for each kind of input. */
import type { Carrier } from './carrier.ts'
import type { SourceKind } from './load-types.ts'
import { envFileCarrier, kratosConfigCarrier } from './plain-carriers.ts'
import { composeCarrier } from './compose.ts'
import { helmCarrier } from './helm.ts'
import { kubernetesCarrier } from './kubernetes.ts'

export const carriers: Readonly<Record<SourceKind, Carrier>> = {
  'kratos-config': kratosConfigCarrier,
  env: envFileCarrier,
  compose: composeCarrier,
  'helm-values': helmCarrier,
  kubernetes: kubernetesCarrier,
}
