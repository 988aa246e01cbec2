/**
 * Which keys carry secrets. The list is the Kratos model's own `secret: true` markers
 * (kratos/model/*: `secrets.*`, `dsn`, the SMTP connection URI and headers, web-hook auth values
 * and passwords, OIDC client secrets and private keys, the tokenizer's JWKS URL, the TLS key's
 * base64 — FACTS.md §1.3, §1.5), over every Kratos version, plus names that mean "secret" in any
 * config (`*password*`, `*secret*`, `*_token`, `api_key`…), plus the environment variables Kratos
 * maps onto those keys (FACTS.md §3). Over-masking a harmless value costs a reader a little;
 * under-masking leaks (CWE-532), so every test here errs towards "secret".
 *
 * Paths may be relative (a Helm `kratos.config.` prefix, a YAML chain found by indentation), so
 * a path counts as secret when any of its prefixes ends with the part of a secret model path
 * that follows its last array item (`#`). The table is built on first use.
 */
import type { ModelNode } from '../kratos/dsl.ts'
import { root } from '../kratos/model/root.ts'
import { memoByText } from '../memo.ts'

const secretName =
  /secret|passw(?:or)?d|credential|private_?key|api_?key|connection_?uri|(?:^|[._-])(?:tokens?|dsn|pwd)$/i

/** A single key or variable name that means "secret" whatever the schema says. */
export const isSecretName = (name: string): boolean => secretName.test(name)

/**
 * Kratos names its methods `password` and `lookup_secret`, and they appear as keys under
 * `selfservice.methods` and `selfservice.flows.*.after|before`: there they name a method, not a
 * secret (`after.password.hooks[0].hook: session` is a hook name). The name heuristic skips a
 * segment that follows one of these parents; secret keys inside (web-hook auth, SMTP) are still
 * caught by the model's markers and by their own names.
 */
const methodParents = new Set(['methods', 'after', 'before'])

/** isSecretName for the segment at `i` of a key chain, knowing what it follows. */
export const isSecretNameAt = (segments: readonly string[], i: number): boolean =>
  !methodParents.has(segments[i - 1] ?? '') && isSecretName(segments[i] ?? '')

const join = (path: string, segment: string): string =>
  path === '' ? segment : `${path}.${segment}`

/**
 * Every path the model marks secret in any version (`#` = array item, `*` = user-named entry).
 * A walk over the model's builder tree, not its per-version compilation: the union is what
 * redaction needs, and compiling four versions would cost start-up time (issue #3).
 */
const modelSecretPaths = (): string[] => {
  const out = new Set<string>()
  const visit = (node: ModelNode, path: string): void => {
    const variants = [node, ...Object.values(node.byVersion ?? {})] as Partial<ModelNode>[]
    for (const n of variants) {
      if (n.secret === true) out.add(path)
      for (const [name, child] of Object.entries(n.props ?? {})) visit(child, join(path, name))
      if (n.map !== undefined) visit(n.map, join(path, '*'))
      if (n.items !== undefined) visit(n.items, join(path, '#'))
      for (const c of Object.values(n.variants?.cases ?? {})) visit(c, path)
    }
  }
  visit(root, '')
  out.delete('')
  return [...out]
}

interface Table {
  /** Secret paths cut after their last `#`, grouped by last segment (`*` = any). */
  readonly tails: ReadonlyMap<string, readonly (readonly string[])[]>
  /** Environment variable names (lowercased, `_` as `.`) of secret keys and their items. */
  readonly env: RegExp
}

let table: Table | undefined

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const secretTable = (): Table => {
  if (table !== undefined) return table
  const paths = modelSecretPaths()
  const tails = new Map<string, (readonly string[])[]>()
  const seen = new Set<string>()
  for (const path of paths) {
    const segments = path.split('.')
    const tail = segments.slice(segments.lastIndexOf('#') + 1)
    const last = tail[tail.length - 1]
    if (last === undefined || seen.has(tail.join('.'))) continue
    seen.add(tail.join('.'))
    tails.set(last, [...(tails.get(last) ?? []), tail])
  }
  // Kratos maps no variable onto a user-named entry (FACTS.md §3), so `*` paths have no name.
  const env = paths
    .filter((p) => !p.split('.').includes('*'))
    .map((p) =>
      p
        .replace(/_/g, '.')
        .split('.')
        .map((s) => (s === '#' ? '\\d+' : escape(s)))
        .join('\\.'),
    )
  table = { tails, env: new RegExp(`^(?:${env.join('|')})(?:\\..*)?$`) }
  return table
}

const endsWith = (segments: readonly string[], end: number, tail: readonly string[]): boolean => {
  if (tail.length > end) return false
  for (let i = 0; i < tail.length; i++) {
    const want = tail[tail.length - 1 - i]
    if (want !== '*' && want !== segments[end - 1 - i]) return false
  }
  return true
}

// Paths repeat across views (every config has `secrets.cookie`, `session.lifespan`…): remember
// answers, bounded so hostile inputs with endless distinct keys cannot grow it without limit.
const isSecretDotted = memoByText((path) => isSecretSegments(path.split('.')), 10_000)

/** True when the dotted path (or key chain) or one of its ancestors holds a secret. */
export const isSecretPath = (path: string | readonly string[]): boolean =>
  typeof path === 'string' ? isSecretDotted(path) : isSecretSegments(path)

const isSecretSegments = (segments: readonly string[]): boolean => {
  const { tails } = secretTable()
  const wild = tails.get('*') ?? []
  for (let end = 1; end <= segments.length; end++) {
    const segment = segments[end - 1] ?? ''
    if (isSecretNameAt(segments, end - 1)) return true
    for (const tail of tails.get(segment) ?? []) if (endsWith(segments, end, tail)) return true
    for (const tail of wild) if (endsWith(segments, end, tail)) return true
  }
  return false
}

/** An environment variable whose value is a secret: by its name, or by the key Kratos maps it to. */
export const isSecretEnvName = (name: string): boolean =>
  isSecretName(name) || secretTable().env.test(name.toLowerCase().replace(/_/g, '.'))
