/**
 * Environment variables that look like Kratos settings but set nothing. Kratos' loader (ory/x
 * configx `Env.extract`) lowercases a name, turns `_` into `.` and compares it with every path
 * jsonschemax lists (properties and `#` array items, never patternProperties or
 * additionalProperties); a name that matches none is dropped without a word, so the setting the
 * author meant keeps its file or default value. `envVarToKey` says whether a name matches; this
 * file decides which unmatched names are worth a finding and what the author probably meant.
 *
 * A name is Kratos-like when its first segments spell a top-level key that is an object
 * (`SESSION_`, `SECRETS_`, `OAUTH2_PROVIDER_`…), or `SELF_SERVICE_`. Scalar top-level keys
 * (`dev`, `dsn`, `version`, `config`…) make no prefix: `DEV_DISABLE_API_FLOW_ENFORCEMENT`,
 * `CONFIG_PATH` or `VERSION_TAG` are read directly by Kratos or belong to something else. Below
 * a map whose entries the user names, or an object the model leaves open with no listed children
 * (`tracing`, `organizations`), any name may be meant: no finding there.
 */
import { compile, type ResolvedNode } from './compile.ts'
import { directlyReadEnvNames } from './direct-env.ts'
import { concrete, digits, envNameOf, envVarToKey } from './env.ts'
import { classicMistake, closest, normalise } from './suggest.ts'
import { kratosVersions, type KratosVersion } from './types.ts'

/** Set by desktops and shells, not meant for Kratos although they begin like a section. */
const foreignEnvNames: readonly string[] = ['SESSION_MANAGER']

export interface IgnoredEnvAdvice {
  /** The dotted key the name spells: the matched key, then the rest of the name (`session.lifespn`). */
  readonly key: string
  /** Why it sets nothing, when there is more to say than "no such key". */
  readonly reason?: string
  /** What the author probably meant. */
  readonly suggestion?: string
}

/** How far a name gets into the model: the deepest key it spells, or `free` below a map. */
type Reach = {
  readonly node: ResolvedNode
  readonly at: number
  readonly indices: readonly string[]
}

const isFree = (node: ResolvedNode): boolean => {
  if (node.map !== undefined) return true
  const types = typeof node.type === 'string' ? [node.type] : node.type
  return types.includes('object') && node.props === undefined
}

/** Mirrors env.ts `search`, keeping the deepest match instead of requiring a whole one. */
const reach = (
  node: ResolvedNode,
  segments: readonly string[],
  at: number,
  indices: readonly string[],
): Reach | 'free' => {
  if (at < segments.length && isFree(node)) return 'free'
  let best: Reach = { node, at, indices }
  if (at === segments.length) return best
  for (const [name, child] of Object.entries(node.props ?? {})) {
    const parts = name.split(/[._]/)
    if (parts.some((part, i) => segments[at + i] !== part)) continue
    const found = reach(child, segments, at + parts.length, indices)
    if (found === 'free') return found
    if (found.at > best.at) best = found
  }
  const segment = segments[at] as string
  if (node.items !== undefined && digits.test(segment)) {
    const found = reach(node.items, segments, at + 1, [...indices, segment])
    if (found === 'free') return found
    if (found.at > best.at) best = found
  }
  return best
}

/** Per version: the paths a variable can set (not objects that merely group keys, nor map entries). */
const settable = new Map<KratosVersion, readonly string[]>()

const settablePaths = (version: KratosVersion): readonly string[] => {
  let paths = settable.get(version)
  if (paths === undefined) {
    const out: string[] = []
    const visit = (node: ResolvedNode): void => {
      if (node.path !== '' && node.props === undefined) out.push(node.path)
      for (const child of Object.values(node.props ?? {})) visit(child)
      if (node.items !== undefined) visit(node.items)
    }
    visit(compile(version).root)
    paths = out
    settable.set(version, paths)
  }
  return paths
}

/**
 * Real variable names below `node` (its path made concrete with the name's own indices), for
 * the did-you-mean; items of arrays the name did not index are left out.
 */
const namesBelow = (
  node: ResolvedNode,
  indices: readonly string[],
  version: KratosVersion,
): string[] => {
  const depth = node.path.split('#').length - 1
  const below = `${node.path}.`
  return settablePaths(version)
    .filter((p) => (p === node.path || p.startsWith(below)) && p.split('#').length - 1 <= depth)
    .map((p) => envNameOf(concrete(p, indices)))
}

// Words that make a name look like it carries a secret.
const secretWords = /SECRET|PASSW|TOKEN|KEY/i

/**
 * A name that looks like it carries a secret is only pointed at names that do too: spelling alone
 * would send `SESSION_COOKIE_TOKEN` to `SESSION_COOKIE_DOMAIN` and `SESSION_COOKIE_SECURE_TOKEN`
 * to the Secure switch, where following the hint puts the secret into a setting that prints it.
 */
const candidatesFor = (name: string, names: readonly string[]): readonly string[] =>
  secretWords.test(name) ? names.filter((n) => secretWords.test(n)) : names

/** The nearest name, or the only one the given name is the beginning of. */
const nearestName = (name: string, names: readonly string[]): string | undefined => {
  const near = closest(name, names, normalise)
  if (near !== undefined) return near
  const longer = names.filter((n) => n.startsWith(`${name.toUpperCase()}_`))
  return longer.length === 1 ? longer[0] : undefined
}

const otherVersions = (name: string, version: KratosVersion): KratosVersion[] =>
  kratosVersions.filter((v) => v !== version && envVarToKey(name, v) !== undefined)

/**
 * Advice for a variable Kratos would ignore although its name looks like a Kratos key; undefined
 * when Kratos maps it, reads it directly, or it is not Kratos-like (PATH, POSTGRES_PASSWORD…).
 */
export const ignoredEnvVar = (
  name: string,
  version: KratosVersion,
): IgnoredEnvAdvice | undefined => {
  const upper = name.toUpperCase()
  if (directlyReadEnvNames.includes(upper) || foreignEnvNames.includes(upper)) return undefined
  if (envVarToKey(name, version) !== undefined) return undefined
  const segments = name.toLowerCase().replace(/_/g, '.').split('.')
  if (segments[0] === 'self' && segments[1] === 'service' && segments.length > 2) {
    const meant = `SELFSERVICE_${name.slice('SELF_SERVICE_'.length)}`.toUpperCase()
    const path = envVarToKey(meant, version)?.path
    return {
      key:
        path === undefined
          ? `self_service.${segments.slice(2).join('_')}`
          : `self_service${path.slice('selfservice'.length)}`,
      reason: '`self_service` is not a Kratos key',
      suggestion:
        path === undefined
          ? 'Did you mean the `SELFSERVICE_` prefix?'
          : `Did you mean \`${meant}\`?`,
    }
  }
  const found = reach(compile(version).root, segments, 0, [])
  if (found === 'free' || found.at === 0) return undefined
  const section = found.node.path.split('.')[0] as string
  const top = compile(version).root.props?.[section]
  if (top === undefined || top.props === undefined) return undefined
  const matched = concrete(found.node.path, found.indices)
  const rest = segments.slice(found.at).join('_')
  // A trailing `_` spells an empty last segment: the key keeps its dot (`session.cookie.secure.`)
  // so it never equals the real key another rule reports and inline suppressions name.
  const key = found.at === segments.length ? matched : `${matched}.${rest}`
  const mistake = classicMistake(key)
  if (mistake !== undefined)
    return { key, reason: mistake.message, suggestion: mistake.envSuggestion }
  const elsewhere = otherVersions(name, version)
  if (elsewhere.length > 0) {
    return {
      key,
      reason: `it sets \`${envVarToKey(name, elsewhere[0] as KratosVersion)?.path ?? key}\` only in Kratos ${elsewhere.join(', ')}`,
      suggestion: 'Check the Kratos version (`version:`, the image tag or --kratos-version).',
    }
  }
  const near =
    nearestName(name, candidatesFor(name, namesBelow(found.node, found.indices, version))) ??
    (top === found.node
      ? undefined
      : nearestName(name, candidatesFor(name, namesBelow(top, [], version))))
  return near === undefined ? { key } : { key, suggestion: `Did you mean \`${near}\`?` }
}
