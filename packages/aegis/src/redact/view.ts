/**
 * Redaction bound to one merged configuration: the values under secret-bearing keys (keys.ts),
 * the password part of every URL-shaped value, and environment variables with secret names.
 * Collected once per view and only when something is redacted (a view with no finding pays
 * nothing), then shared by findings, fix and rotate output over the same view.
 */
import { forEachLeaf } from '../config/tree.ts'
import type { ConfigView } from '../config/types.ts'
import { isSecretEnvName, isSecretPath } from './keys.ts'
import { redactPatterns } from './patterns.ts'
import { REDACTED } from './placeholder.ts'
import { defaultMinLength, Redactor } from './redactor.ts'

/** The password in `scheme://user:password@host…`; it may itself contain `@` (the last one ends it). */
export const urlPassword = (value: string): string | undefined =>
  /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:([^/?#\s]*)@/i.exec(value)?.[1] || undefined

/**
 * `dsn: memory` names Kratos' in-memory SQLite and holds no credential: shown as it is by config
 * show, fix and rotate. Under any other secret key the same word is a (poor) secret.
 */
const isInMemoryDsn = (path: string, value: unknown): boolean =>
  path === 'dsn' && value === 'memory'

/** Every string that must not be shown, in view order. */
export const secretValues = (view: ConfigView): string[] => {
  const out = new Set<string>()
  const add = (value: unknown): void => {
    if (typeof value === 'string') out.add(value)
    else if (Array.isArray(value)) value.forEach(add)
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(add)
  }
  // The leaves view.entries() lists, without building the origin each entry carries.
  forEachLeaf(view.tree(), (node, path) => {
    if (node === undefined) return
    if (isSecretPath(path) && !isInMemoryDsn(path, node)) add(node)
    if (typeof node === 'string') {
      const password = urlPassword(node)
      if (password !== undefined) out.add(password)
    }
  })
  for (const [name, raw] of Object.entries(view.rawEnv)) {
    if (isSecretEnvName(name) && !(name === 'DSN' && isInMemoryDsn('dsn', raw.value)))
      add(raw.value)
  }
  return [...out]
}

const cache = new WeakMap<ConfigView, ViewRedactor>()

/** A redactor that learns the view's secrets on its first use. */
export class ViewRedactor {
  readonly #view: ConfigView
  #redactor: Redactor | undefined

  constructor(view: ConfigView) {
    this.#view = view
  }

  #ready(): Redactor {
    if (this.#redactor !== undefined) return this.#redactor
    const r = new Redactor()
    for (const value of secretValues(this.#view)) r.remember(value)
    this.#redactor = r
    return r
  }

  /**
   * `input` safe to print. Bound, so it can be handed on as a function. A text shorter than
   * any value the view's redactor would remember cannot hold one: only the patterns apply, and
   * the view's secrets are not collected for it (most values in finding messages are short).
   */
  readonly text = (input: string): string =>
    input.length < defaultMinLength ? redactPatterns(input) : this.#ready().text(input)
}

/** The view's redactor, shared by everything that prints about this view. */
export const redactorFor = (view: ConfigView): ViewRedactor => {
  let r = cache.get(view)
  if (r === undefined) {
    r = new ViewRedactor(view)
    cache.set(view, r)
  }
  return r
}

const urlLike = /^[a-z][a-z0-9+.-]*:\/\//i

/**
 * A copy of `value` (found at `path`) safe to print, for `aegis config show`: a value under a
 * secret key is hidden, except that a DSN or SMTP URI stays readable with its userinfo password
 * hidden (and `memory`, which holds none, stays as is).
 */
export const redactValue = (path: string, value: unknown): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => redactValue(`${path}.${i}`, v))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(`${path}.${k}`, v)
    return out
  }
  if (typeof value !== 'string') return value
  if (!isSecretPath(path)) return redactPatterns(value)
  if (isInMemoryDsn(path, value)) return value
  if (!urlLike.test(value)) return REDACTED
  // Everything between `user:` and the last `@` is the password, whatever characters it holds.
  const at = value.lastIndexOf('@')
  const colon = value.indexOf(':', value.indexOf('://') + 3)
  if (at === -1 || colon === -1 || colon > at) return redactPatterns(value)
  return redactPatterns(`${value.slice(0, colon + 1)}${REDACTED}${value.slice(at)}`)
}
