/**
 * Schema rules that tie several keys together (`if`/`then`, `not`, `oneOf` on required sets),
 * which the per-key walk cannot see. Each is fatal: Kratos' start-up validation fails on it.
 */
import type { ValidationProblem } from './validate-value.ts'

type Tree = Record<string, unknown>

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The value at a dotted path of a plain tree. Validation (these rules and validate.ts) reads a
 * fixed set of paths on every configuration: each is split once.
 */
const segments = new Map<string, readonly string[]>()

export const at = (tree: unknown, path: string): unknown => {
  let parts = segments.get(path)
  if (parts === undefined) {
    parts = path.split('.')
    segments.set(path, parts)
  }
  let v = tree
  for (const k of parts) v = isTree(v) ? v[k] : undefined
  return v
}

const fatal = (
  key: string,
  code: string,
  message: string,
  suggestion?: string,
): ValidationProblem =>
  suggestion === undefined
    ? { key, severity: 'fatal', code, message }
    : { key, severity: 'fatal', code, message, suggestion }

const filled = (value: unknown): boolean => typeof value === 'string' && value !== ''

/** `webauthn` and `passkey`: enabled requires `config`; WebAuthn takes `origin` or `origins`, not both. */
const webauthnRules = (tree: Tree): ValidationProblem[] => {
  const out: ValidationProblem[] = []
  for (const method of ['webauthn', 'passkey']) {
    const base = `selfservice.methods.${method}`
    if (at(tree, `${base}.enabled`) === true && at(tree, `${base}.config`) === undefined) {
      out.push(
        fatal(
          `${base}.config`,
          'missing-required',
          `\`${base}.config\` is required when the method is enabled`,
        ),
      )
    }
  }
  const rp = at(tree, 'selfservice.methods.webauthn.config.rp')
  if (isTree(rp)) {
    const key = 'selfservice.methods.webauthn.config.rp'
    for (const name of ['id', 'display_name']) {
      if (!(name in rp))
        out.push(fatal(`${key}.${name}`, 'missing-required', `\`${key}.${name}\` is required`))
    }
    if ('origin' in rp && 'origins' in rp) {
      out.push(
        fatal(
          key,
          'conflicting-keys',
          `\`${key}\` sets both \`origin\` and \`origins\``,
          'Keep only `origins` (a list).',
        ),
      )
    }
  }
  return out
}

/** OIDC providers: Microsoft needs a tenant; Apple uses a private key instead of a client secret. */
const providerRules = (tree: Tree): ValidationProblem[] => {
  const providers = at(tree, 'selfservice.methods.oidc.config.providers')
  if (!Array.isArray(providers)) return []
  const out: ValidationProblem[] = []
  providers.forEach((provider, i) => {
    if (!isTree(provider)) return
    const key = `selfservice.methods.oidc.config.providers.${i}`
    const need = (name: string, why: string) => {
      if (!(name in provider))
        out.push(
          fatal(`${key}.${name}`, 'missing-required', `\`${key}.${name}\` is required ${why}`),
        )
    }
    const forbid = (name: string, why: string) => {
      if (filled(provider[name]) || (name === 'microsoft_tenant' && name in provider)) {
        out.push(
          fatal(`${key}.${name}`, 'conflicting-keys', `\`${key}.${name}\` must not be set ${why}`),
        )
      }
    }
    const kind = provider['provider']
    if (kind === 'microsoft') need('microsoft_tenant', 'for provider `microsoft`')
    else forbid('microsoft_tenant', 'unless provider is `microsoft`')
    if (kind === 'apple') {
      for (const name of ['apple_private_key_id', 'apple_private_key', 'apple_team_id'])
        need(name, 'for provider `apple`')
      forbid('client_secret', 'for provider `apple` (it signs with apple_private_key)')
    } else {
      need('client_secret', 'for this provider')
      for (const name of ['apple_team_id', 'apple_private_key_id', 'apple_private_key'])
        forbid(name, 'unless provider is `apple`')
    }
  })
  return out
}

/** Web hooks cannot both ignore and parse the response (schema `not`). */
const webHookRules = (value: unknown, path: string, out: ValidationProblem[]): void => {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      webHookRules(item, `${path}.${i}`, out)
    })
    return
  }
  if (!isTree(value)) return
  if (
    value['hook'] === 'web_hook' &&
    at(value, 'config.response.ignore') === true &&
    at(value, 'config.response.parse') === true
  ) {
    out.push(
      fatal(
        `${path}.config.response`,
        'conflicting-keys',
        'a web hook cannot both `ignore` and `parse` its response',
        'An ignored response is sent asynchronously; drop `ignore` to parse it.',
      ),
    )
  }
  for (const [name, child] of Object.entries(value))
    webHookRules(child, path === '' ? name : `${path}.${name}`, out)
}

/** The `code` method cannot be both the passwordless and the MFA code method (schema `anyOf`). */
const codeRules = (tree: Tree): ValidationProblem[] =>
  at(tree, 'selfservice.methods.code.passwordless_enabled') === true &&
  at(tree, 'selfservice.methods.code.mfa_enabled') === true
    ? [
        fatal(
          'selfservice.methods.code',
          'conflicting-keys',
          '`passwordless_enabled` and `mfa_enabled` cannot both be true for the code method',
        ),
      ]
    : []

export const crossKeyProblems = (tree: Tree): ValidationProblem[] => {
  const hooks: ValidationProblem[] = []
  webHookRules(at(tree, 'selfservice'), 'selfservice', hooks)
  return [...webauthnRules(tree), ...providerRules(tree), ...codeRules(tree), ...hooks]
}
