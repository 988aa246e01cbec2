/**
 * Evidence redaction. Probe evidence is the request and response lines that prove a result; the
 * values that would let a reader take over a session must never be in it: session and logout
 * tokens (FACTS §5.1 formats), cookie values, CSRF tokens, passwords, and any secret the run knows.
 */

// Kratos token formats: ory_st_ (session), ory_lo_ (logout), plus other ory_xx_ codes.
const oryToken = /\bory_[a-z]{2}_[A-Za-z0-9]{8,}/g
// JSON string members whose values are credentials.
const jsonSecret =
  /("(?:[a-z_]*token|password|csrf_token|session_token|logout_token|secret|code)"\s*:\s*")([^"]*)(")/gi
// Query parameters that carry credentials.
const querySecret = /([?&](?:token|session_token|code|flow_token|password)=)([^&\s#"]+)/gi
// UI node values: the CSRF token sits in {"name":"csrf_token",…,"value":"…"}.
const nodeValue =
  /("name"\s*:\s*"(?:csrf_token|password|code|totp_code)"[^}]*?"value"\s*:\s*")([^"]*)(")/g
// Long opaque strings (encrypted cookies, masked CSRF tokens).
const opaque = /[A-Za-z0-9+/_-]{40,}={0,2}/g

const mask = (value: string): string => (value.length === 0 ? value : '[redacted]')

/** Masks cookie values in a `Cookie` header: `a=1; b=2` → `a=[redacted]; b=[redacted]`. */
export const redactCookieHeader = (value: string): string =>
  value
    .split(';')
    .map((pair) => {
      const eq = pair.indexOf('=')
      return eq === -1 ? pair : `${pair.slice(0, eq + 1)}${mask(pair.slice(eq + 1).trim())}`
    })
    .join(';')

/** Masks the value in a `Set-Cookie` header, keeping the name and every attribute. */
export const redactSetCookie = (value: string): string => {
  const semi = value.indexOf(';')
  const first = semi === -1 ? value : value.slice(0, semi)
  const rest = semi === -1 ? '' : value.slice(semi)
  return redactCookieHeader(first) + rest
}

export class Redactor {
  readonly #known = new Set<string>()
  /** Longest first, so a value that contains another is masked whole; kept sorted on insert. */
  #ordered: string[] = []

  /** Remembers a value that must never appear (passwords, tokens, cookie values). */
  remember(value: string | undefined): void {
    if (value === undefined || value.length < 6 || this.#known.has(value)) return
    this.#known.add(value)
    this.#ordered = [...this.#known].sort((a, b) => b.length - a.length)
  }

  text(input: string): string {
    let out = input
    for (const known of this.#ordered) {
      if (out.includes(known)) out = out.split(known).join('[redacted]')
    }
    return out
      .replace(oryToken, (m) => `${m.slice(0, 7)}[redacted]`)
      .replace(nodeValue, (_m, a: string, v: string, b: string) => `${a}${mask(v)}${b}`)
      .replace(jsonSecret, (_m, a: string, v: string, b: string) => `${a}${mask(v)}${b}`)
      .replace(querySecret, (_m, a: string, v: string) => `${a}${mask(v)}`)
      .replace(opaque, '[redacted]')
  }

  header(name: string, value: string): string {
    const lower = name.toLowerCase()
    if (lower === 'cookie') return redactCookieHeader(value)
    if (lower === 'set-cookie') return redactSetCookie(value)
    if (lower === 'x-session-token' || lower === 'authorization') return '[redacted]'
    return this.text(value)
  }
}
