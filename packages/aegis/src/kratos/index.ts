/** The project's own model of Ory Kratos configuration (APIS.md "Kratos model"). */
export type { KeySpec, KeyType, KratosVersion } from './types.ts'
export { kratosVersions } from './types.ts'
export { allKeys, childKeys, defaultValue, keySpec } from './keys.ts'
export type { CastResult } from './env.ts'
export { castEnvValue, envNameOf, envVarToKey } from './env.ts'
export { formatDuration, isSchemaDuration, parseDuration } from './duration.ts'
export { parseGoBool } from './go-values.ts'
export { csrfCookieName } from './csrf.ts'
export { detectVersion, versionFromString } from './version.ts'
export type { ValidateOptions, ValidationProblem } from './validate.ts'
export { validateTree } from './validate.ts'
export type { DeploymentValidation, LocatedProblem } from './validate-deployment.ts'
export {
  renderValidationJson,
  renderValidationText,
  validateDeployment,
} from './validate-deployment.ts'
export type { IgnoredEnvAdvice } from './env-ignored.ts'
export { directlyReadEnvNames } from './direct-env.ts'
export { ignoredEnvVar } from './env-ignored.ts'
