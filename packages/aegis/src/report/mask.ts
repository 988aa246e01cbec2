/**
 * Masks secret values in source lines before a reporter shows them (code frames, SARIF snippets).
 * Findings arrive redacted; source text does not, so every line we quote passes through here.
 * Secret-bearing keys per FACTS.md: secrets.* (cookie, cipher, default), DSNs, courier SMTP
 * connection URIs, tokens (ory_st_, ory_lo_, ory_ht_), passwords, client secrets (CWE-532, CWE-200).
 */
const secretKey =
  /(secret|password|passwd|dsn|connection_?uri|credential|private_?key|api_?key|(^|[._-])tokens?$)/i
const oryToken = /\bory_(st|lo|ht|rt|at|pat|apikey)_[A-Za-z0-9_-]+/g
// userinfo of any URI: scheme://user:password@host
const uriPassword = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*:)[^@/\s]+(@)/gi

export const MASK = '********'

export const isSecretKey = (key: string): boolean => key.split('.').some((k) => secretKey.test(k))

/** Redacts token-shaped values and URI passwords anywhere in a line. */
export const redactInline = (line: string): string => {
  return line
    .replace(oryToken, (m) => `${m.slice(0, m.indexOf('_', 4) + 1)}${MASK}`)
    .replace(uriPassword, `$1${MASK}$2`)
}

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

const shape = (line: string): LineShape => {
  const m = yamlKeyLine.exec(line)
  const indent = line.length - line.trimStart().length
  return { indent, key: m?.[3] }
}

/** The keys enclosing line `index` (0-based), found by YAML indentation, innermost last. */
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

/** The line with its value replaced by a mask when it sits under a secret-bearing key. */
export const maskLine = (lines: readonly string[], index: number): string => {
  const line = lines[index] ?? ''
  const keys = enclosingKeys(lines, index)
  const flowName = k8sEnvName.exec(line)?.[1]
  if (flowName !== undefined && isSecretKey(flowName)) {
    return redactInline(line.replace(k8sFlowValue, `$1${MASK}`))
  }
  if (!keys.some((k) => isSecretKey(k))) return redactInline(line)
  const start = valueStart(line)
  if (start < 0) return line.trim() === '' || line.trimStart().startsWith('#') ? line : MASK
  const value = line.slice(start).trim()
  if (value === '' || value === '|' || value === '>' || value.startsWith('#')) return line
  return `${line.slice(0, start)}${MASK}`
}
