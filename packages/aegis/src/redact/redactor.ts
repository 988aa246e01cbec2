/**
 * The redactor every output path uses: values the run knows are secret (remembered, in all their
 * encodings) and secret shapes nobody told us about (patterns.ts). Cheap to create; the matcher
 * is built on first use after a value was added, and each call is one pass over the text.
 */
import { encodedForms } from './encodings.ts'
import { KnownValues } from './known-values.ts'
import { redactCookiePairs, redactPatterns } from './patterns.ts'
import { REDACTED } from './placeholder.ts'

/**
 * The default `minLength`, and the shortest form a default redactor remembers: a value is at
 * least this long, its percent, JSON and whole base64 forms are no shorter than it, and base64
 * cores shorter than 8 are skipped (encodings.ts). A shorter text holds no remembered value.
 */
export const defaultMinLength = 8

export interface RedactorOptions {
  /**
   * Values shorter than this are not remembered: a six-letter DSN password such as `secret`
   * would otherwise mangle every mention of `secrets.cookie` in prose. Inside a URL such a
   * password is still masked by the userinfo pattern.
   */
  readonly minLength?: number
  /** Mask long opaque strings too (text from the network: probe evidence). */
  readonly opaque?: boolean
}

/** Headers whose whole value is a credential (FACTS.md §1.8, §6.2). */
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'x-session-token'])

export class Redactor {
  readonly #known = new KnownValues()
  readonly #minLength: number
  readonly #opaque: boolean

  constructor(options: RedactorOptions = {}) {
    this.#minLength = options.minLength ?? defaultMinLength
    this.#opaque = options.opaque ?? false
  }

  /** How many values (with their encodings) are remembered. */
  get size(): number {
    return this.#known.size
  }

  /**
   * Remembers a value that must never appear, in every encoding, shown as `label`. A value met
   * again keeps its first label.
   */
  remember(value: string | undefined, label: string = REDACTED): void {
    if (value === undefined || value.length < this.#minLength || this.#known.has(value)) return
    for (const form of encodedForms(value)) this.#known.add(form, label)
  }

  text(input: string): string {
    return redactPatterns(this.#known.replace(input), { opaque: this.#opaque })
  }

  /** A header value as evidence may show it: cookie names and attributes stay, values go. */
  header(name: string, value: string): string {
    const lower = name.toLowerCase()
    if (credentialHeaders.has(lower)) return REDACTED
    if (lower === 'cookie' || lower === 'set-cookie') {
      return redactCookiePairs(this.#known.replace(value), lower === 'set-cookie')
    }
    return this.text(value)
  }
}

/**
 * For text from the network (probe evidence): values a check learns (passwords of at least six
 * characters, cookie values, tokens) and long opaque strings nobody told us about.
 */
/**
 * For diffs and previews of `aegis fix` and `aegis rotate`: each value shown by its own label
 * (`[redacted: sha256:…]`), the first label given for a value winning. Short values count here
 * (3+ characters): a diff quotes whole config lines, where a short DSN password would sit.
 */
export const labelledRedactor = (labels: Iterable<readonly [string, string]>): Redactor => {
  const r = new Redactor({ minLength: 3 })
  for (const [value, label] of labels) r.remember(value, label)
  return r
}

export const networkRedactor = (): Redactor => new Redactor({ minLength: 6, opaque: true })
