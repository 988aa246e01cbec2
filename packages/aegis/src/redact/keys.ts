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
import { directlyReadEnvNames } from '../kratos/direct-env.ts'
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
 * Every path of the model in any version (`#` = array item, `*` = user-named entry), and those it
 * marks secret. A walk over the model's builder tree, not its per-version compilation: the union
 * is what redaction needs, and compiling four versions would cost start-up time (issue #3).
 */
const modelPaths = (): { all: string[]; secret: string[] } => {
  const all = new Set<string>()
  const secret = new Set<string>()
  const visit = (node: ModelNode, path: string): void => {
    all.add(path)
    const variants = [node, ...Object.values(node.byVersion ?? {})] as Partial<ModelNode>[]
    for (const n of variants) {
      if (n.secret === true) secret.add(path)
      for (const [name, child] of Object.entries(n.props ?? {})) visit(child, join(path, name))
      if (n.map !== undefined) visit(n.map, join(path, '*'))
      if (n.items !== undefined) visit(n.items, join(path, '#'))
      for (const c of Object.values(n.variants?.cases ?? {})) visit(c, path)
    }
  }
  visit(root, '')
  all.delete('')
  secret.delete('')
  return { all: [...all], secret: [...secret] }
}

interface Table {
  /** Secret paths cut after their last `#`, grouped by last segment (`*` = any). */
  readonly tails: ReadonlyMap<string, readonly (readonly string[])[]>
  /** Environment variable names (lowercased, `_` as `.`) of secret keys and their items. */
  readonly env: RegExp
  /** Every model path, for plainEnvSpellings. */
  readonly all: readonly string[]
  /** The secret ones. */
  readonly secretPaths: readonly string[]
}

let table: Table | undefined

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const secretTable = (): Table => {
  if (table !== undefined) return table
  const model = modelPaths()
  const paths = model.secret
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
  table = {
    tails,
    env: new RegExp(`^(?:${env.join('|')})(?:\\..*)?$`),
    all: model.all,
    secretPaths: paths,
  }
  return table
}

const spelt = (path: string): string => path.replace(/_/g, '.')

interface PlainEnv {
  /** Every model path not below a user-named entry, spelt as variables are (`_` as `.`). */
  readonly spellings: ReadonlySet<string>
  /** The secret ones. */
  readonly secret: ReadonlySet<string>
  /** Their ancestors (up to a user-named entry): naming one sets the secret inside by JSON. */
  readonly holders: ReadonlySet<string>
}

let plainEnv: PlainEnv | undefined

/** Built on first use from the paths secretTable collected. */
const plainEnvTable = (): PlainEnv => {
  if (plainEnv !== undefined) return plainEnv
  const { all, secretPaths } = secretTable()
  const spellings = new Set(all.filter((p) => !p.split('.').includes('*')).map(spelt))
  const secret = new Set(secretPaths.filter((p) => !p.split('.').includes('*')).map(spelt))
  const holders = new Set<string>()
  for (const path of secretPaths) {
    const parts = spelt(path).split('.')
    const end = parts.includes('*') ? parts.indexOf('*') + 1 : parts.length
    for (let i = 1; i < end; i++) holders.add(parts.slice(0, i).join('.'))
  }
  plainEnv = { spellings, secret, holders }
  return plainEnv
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

/** Read by Kratos outside its schema, and none of them secret. */
const plainDirectEnvNames = new Set(directlyReadEnvNames)

/**
 * An environment variable whose value may be shown: Kratos maps it (in some version) onto a key
 * that is neither secret nor holds secrets, or reads it itself and it is a plain switch. Anything
 * else — a misspelt Kratos name (`COURIER_SMTP_PASS`, `…_CLIENT_SECRE`), another program's
 * variable, a name under a user-named map — is data nobody has classified, and may be a secret.
 */
export const isPlainEnvName = memoByText((name: string): boolean => {
  if (isSecretEnvName(name)) return false
  if (plainDirectEnvNames.has(name.toUpperCase())) return true
  const parts = name
    .toLowerCase()
    .replace(/_/g, '.')
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? '#' : s))
  const spelling = parts.join('.')
  const { spellings, secret, holders } = plainEnvTable()
  // A key Kratos maps the name onto, in no version secret, holding or below a secret.
  if (!spellings.has(spelling) || holders.has(spelling)) return false
  return parts.every((s, i) => !isSecretName(s) && !secret.has(parts.slice(0, i + 1).join('.')))
  // A line and its code frame ask for the same few names again (maskLine, unclassifiedEnv):
  // remembered, bounded as isSecretDotted is.
}, 10_000)
