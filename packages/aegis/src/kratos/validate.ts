/**
 * Would Kratos start with this configuration? Kratos validates the merged configuration against
 * its schema at start and exits on any error (FACTS.md §1); unknown keys under open objects are
 * accepted and ignored (FACTS.md §2.4). The tree is the merged configuration without defaults.
 */
import type { ResolvedNode } from './compile.ts'
import { compile } from './compile.ts'
import { parseGoBool } from './go-values.ts'
import { adviseUnknownKey } from './suggest.ts'
import { at, crossKeyProblems } from './validate-rules.ts'
import type { KratosVersion } from './types.ts'
import type { ValidationProblem } from './validate-value.ts'
import { addValueProblems } from './validate-value.ts'

export type { ValidationProblem } from './validate-value.ts'

const join = (path: string, segment: string): string =>
  path === '' ? segment : `${path}.${segment}`

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

interface Walk {
  readonly version: KratosVersion
  readonly out: ValidationProblem[]
}

const missing = (key: string, message: string): ValidationProblem => ({
  key,
  severity: 'fatal',
  code: 'missing-required',
  message,
})

/** Picks the variant case named by the discriminator; reports an unknown or missing one. */
const chooseCase = (
  path: string,
  node: ResolvedNode,
  value: Record<string, unknown>,
  walk: Walk,
): ResolvedNode | undefined => {
  const variants = node.variants
  if (variants === undefined) return node
  const name = value[variants.key]
  const chosen = typeof name === 'string' ? variants.cases[name] : undefined
  if (chosen !== undefined) return chosen
  const allowed = Object.keys(variants.cases)
    .map((c) => `\`${c}\``)
    .join(', ')
  walk.out.push({
    key: name === undefined ? path : join(path, variants.key),
    severity: 'fatal',
    code: 'variant-not-allowed',
    message:
      name === undefined
        ? `\`${path}\` needs \`${variants.key}\` (one of ${allowed})`
        : `\`${variants.key}: ${JSON.stringify(name)}\` is not allowed at \`${path}\`; allowed here: ${allowed}`,
  })
  return undefined
}

const walkObject = (
  path: string,
  node: ResolvedNode,
  value: Record<string, unknown>,
  walk: Walk,
): void => {
  const shape = chooseCase(path, node, value, walk)
  if (shape === undefined) return
  if (shape.required !== undefined) {
    for (const name of shape.required) {
      if (!(name in value))
        walk.out.push(missing(join(path, name), `\`${join(path, name)}\` is required`))
    }
  }
  for (const name of Object.keys(value)) {
    const childPath = join(path, name)
    // Own properties only: a key named `constructor` or `__proto__` is unknown, not Object's.
    const own = shape.props !== undefined && Object.hasOwn(shape.props, name)
    const childNode = (own ? shape.props[name] : undefined) ?? shape.map
    if (childNode !== undefined) {
      walkValue(childPath, childNode, value[name], walk)
    } else if (shape.props !== undefined || shape.closed === true) {
      const advice = adviseUnknownKey(childPath, shape, walk.version)
      walk.out.push({
        key: childPath,
        severity: shape.closed === true ? 'fatal' : 'ignored',
        code: shape.closed === true ? 'unknown-key' : 'ignored-key',
        ...advice,
      })
    }
  }
}

const walkValue = (path: string, node: ResolvedNode, value: unknown, walk: Walk): void => {
  // A value of the wrong type is reported alone: its children are not what the model expects.
  if (addValueProblems(path, node, value, walk.out)) return
  if (Array.isArray(value) && node.items !== undefined) {
    const items = node.items
    value.forEach((item, i) => {
      walkValue(join(path, String(i)), items, item, walk)
    })
  } else if (isObject(value)) {
    walkObject(path, node, value, walk)
  }
}

/** The schema's top-level `allOf` if/then rules and run-time start checks. */
const conditionalProblems = (tree: Record<string, unknown>): ValidationProblem[] => {
  const out: ValidationProblem[] = []
  // The schema's `if` uses oneOf: exactly one of recovery/verification enabled requires courier.
  const recovery = at(tree, 'selfservice.flows.recovery.enabled') === true
  const verification = at(tree, 'selfservice.flows.verification.enabled') === true
  if (recovery !== verification && !('courier' in tree)) {
    const flow = recovery ? 'recovery' : 'verification'
    out.push(
      missing(
        'courier',
        `\`courier\` is required when \`selfservice.flows.${flow}.enabled\` is true`,
      ),
    )
  }
  const algorithm = at(tree, 'ciphers.algorithm')
  if (
    (algorithm === 'aes' || algorithm === 'xchacha20-poly1305') &&
    at(tree, 'secrets.cipher') === undefined
  ) {
    out.push(
      missing(
        'secrets.cipher',
        `\`secrets.cipher\` is required when \`ciphers.algorithm\` is \`${algorithm}\``,
      ),
    )
  }
  // Not a schema rule but a start-up check: "dsn must be set" (FACTS.md §1.5).
  if (at(tree, 'dsn') === '')
    out.push(missing('dsn', '`dsn` is empty; Kratos exits with "dsn must be set"'))
  return out
}

/** Values Kratos accepts but reads differently from what the author likely meant. */
const softProblems = (tree: Record<string, unknown>): ValidationProblem[] => {
  const out: ValidationProblem[] = []
  for (const key of ['session.cookie.secure', 'cookies.secure']) {
    const value = at(tree, key)
    if (typeof value === 'string' && parseGoBool(value) === null) {
      out.push({
        key,
        severity: 'warning',
        code: 'secure-not-go-bool',
        message: `\`${key}: ${JSON.stringify(value)}\` is not a Go boolean, so Kratos silently reads it as false (cookie not Secure)`,
        suggestion: 'Write "true" or "false".',
      })
    }
  }
  return out
}

/** Every reason Kratos (of this version) would refuse this configuration or ignore part of it. */
export const validateTree = (
  tree: Record<string, unknown>,
  version: KratosVersion,
  options: ValidateOptions = {},
): ValidationProblem[] => {
  const walk: Walk = { version, out: [] }
  walkValue('', compile(version).root, tree, walk)
  const all = [
    ...walk.out,
    ...conditionalProblems(tree),
    ...crossKeyProblems(tree),
    ...softProblems(tree),
  ]
  const external = options.isExternal
  return external === undefined
    ? all
    : all.filter((p) => p.code !== 'missing-required' || !external(p.key))
}

export interface ValidateOptions {
  /**
   * Keys set where the tool cannot read them (a Kubernetes secretKeyRef, an env var named but
   * not given): "set elsewhere", so never reported as missing.
   */
  readonly isExternal?: (path: string) => boolean
}
