/**
 * Masks quoted source lines (report code frames, SARIF snippets, `aegis fix` diff context).
 * Findings arrive redacted; source text does not, and a reporter has no view to learn values
 * from, so a line is judged by the keys that enclose it (YAML indentation, `.env` and compose
 * `NAME=` lines, Kubernetes `name:`/`value:` pairs) and by the secret patterns.
 *
 * Environment variables are judged the other way round from config keys: a value is shown only
 * when its name is one Kratos maps onto a key that holds no secret (`LOG_LEVEL`,
 * `SESSION_LIFESPAN`, `SERVE_PUBLIC_CORS_ALLOWED_ORIGINS_0`; keys.ts `isPlainEnvName`). Every
 * other variable — a misspelt Kratos name (`COURIER_SMTP_PASS`, `…_CLIENT_SECRE`, `…_KEY_BASE_64`),
 * another program's variable, a name Kratos ignores — is unclassified data and may be a secret, so
 * its whole value is hidden, URL or not. A config key's name is checked against the model; a
 * variable's name, often a typo, cannot be, and a name list never covers every misspelling.
 */
import {
  isPlainEnvName,
  isSecretEnvName,
  isSecretName,
  isSecretNameAt,
  isSecretPath,
} from './keys.ts'
import { redactPatterns } from './patterns.ts'
import { REDACTED } from './placeholder.ts'

interface LineShape {
  readonly indent: number
  readonly key: string | undefined
}

const yamlKeyLine = /^(\s*)(?:-\s+)?(["']?)([A-Za-z0-9_.$/-]+)\2\s*:(\s|$)/
// `.env` lines and compose `environment:` list items (`- SECRETS_COOKIE=…`).
const envLine = /^\s*(?:-\s+)?(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/
// A Kubernetes env entry names its variable in `name:`; the value sits in a sibling `value:`.
const k8sEnvName = /(?:^\s*-\s+|[{,]\s*)name:\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*(?:[,}]|$)/
const k8sFlowValue = /(\bvalue:\s*)("[^"]*"|'[^']*'|[^,}]+)/
// A secret-named member inside a flow mapping: `providers: [{id: a, client_secret: x}]`.
const flowMember = /([{,]\s*["']?([A-Za-z0-9_-]+)["']?\s*:\s*)("[^"]*"|'[^']*'|[^,}\]]+)/g

const shape = (line: string): LineShape => {
  const m = yamlKeyLine.exec(line)
  const indent = line.length - line.trimStart().length
  return { indent, key: m?.[3] }
}

/** The keys enclosing line `index` (0-based), found by YAML indentation, outermost first. */
export const enclosingKeys = (lines: readonly string[], index: number): string[] => {
  const keys: string[] = []
  const own = lines[index] ?? ''
  const env = envLine.exec(own)
  if (env?.[1] !== undefined) return [env[1]]
  const first = shape(own)
  if (first.key !== undefined) keys.unshift(first.key)
  let indent = first.indent
  for (let i = index - 1; i >= 0 && indent > 0; i--) {
    const text = lines[i] ?? ''
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue
    const s = shape(text)
    if (s.indent < indent && s.key !== undefined) {
      keys.unshift(s.key)
      const envName = k8sEnvName.exec(text)?.[1]
      if (envName !== undefined) keys.unshift(envName)
      indent = s.indent
    }
  }
  return keys
}

const valueStart = (line: string): number => {
  const env = envLine.exec(line)
  if (env !== null) return env[0].length
  const m = yamlKeyLine.exec(line)
  if (m !== null) return m[0].length
  const item = /^\s*-\s+/.exec(line)
  return item === null ? -1 : item[0].length
}

/** An environment variable's name as a YAML key or Kubernetes `name:` (upper case with `_`). */
const envShaped = /^[A-Z][A-Z0-9_]*$/

/** Keys as written in configs, or environment variable names (hidden unless known plain). */
const isSecretKey = (key: string): boolean =>
  envShaped.test(key) ? !isPlainEnvName(key) : isSecretName(key)

const chainIsSecret = (keys: readonly string[]): boolean =>
  keys.some((key, i) => (envShaped.test(key) ? !isPlainEnvName(key) : isSecretNameAt(keys, i))) ||
  (keys.length > 0 && isSecretPath(keys))

/** A variable in the chain that is neither known secret (DSN…) nor known plain: hide it all. */
const unclassifiedEnv = (names: readonly string[]): boolean =>
  names.some((name) => !isSecretEnvName(name) && !isPlainEnvName(name))

/** A DSN or SMTP URI (or `memory`) keeps its shape; only the credentials in it are hidden. */
const readableWithoutCredentials = (value: string): boolean =>
  /^["']?(?:memory|[a-z][a-z0-9+.-]*:\/\/)/i.test(value)

/** Tokens, URL passwords and secret-named members of inline mappings anywhere in a line. */
export const redactInline = (line: string): string =>
  redactPatterns(
    line.replace(flowMember, (m, head: string, key: string) =>
      isSecretName(key) ? `${head}${REDACTED}` : m,
    ),
  )

/** The line with its value replaced by the placeholder when it sits under a secret-bearing key. */
export const maskLine = (lines: readonly string[], index: number): string => {
  const line = lines[index] ?? ''
  const flowName = k8sEnvName.exec(line)?.[1]
  if (flowName !== undefined && isSecretKey(flowName)) {
    return redactInline(line.replace(k8sFlowValue, `$1${REDACTED}`))
  }
  // A `.env` or compose `NAME=value` line is a variable whatever its case (Kratos lowercases).
  const envName = envLine.exec(line)?.[1]
  const keys = envName === undefined ? enclosingKeys(lines, index) : [envName]
  const secret = envName === undefined ? chainIsSecret(keys) : !isPlainEnvName(envName)
  if (!secret) return redactInline(line)
  const start = valueStart(line)
  if (start < 0) return line.trim() === '' || line.trimStart().startsWith('#') ? line : REDACTED
  const value = line.slice(start).trim()
  if (value === '' || value === '|' || value === '>' || value.startsWith('#')) return line
  const names = envName === undefined ? keys.filter((k) => envShaped.test(k)) : [envName]
  if (readableWithoutCredentials(value) && !unclassifiedEnv(names)) return redactInline(line)
  return `${line.slice(0, start)}${REDACTED}`
}
