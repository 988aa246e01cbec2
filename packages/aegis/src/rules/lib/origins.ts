/** Words for where a value was written, for messages. */
import type { ValueOrigin } from '../../config/types.ts'

const carriers: Readonly<Record<ValueOrigin['kind'], string>> = {
  file: 'the configuration file',
  env: 'the environment',
  flag: 'a command-line flag',
  default: 'the schema default',
  compose: 'the compose file',
  helm: 'the Helm values',
  kubernetes: 'the Kubernetes manifest',
}

export const whereWritten = (origin: ValueOrigin): string => {
  const file = origin.location?.file
  const carrier = origin.via ?? carriers[origin.kind]
  return file === undefined || carrier.includes(file) ? carrier : `${carrier} (${file})`
}
