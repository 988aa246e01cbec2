/** Set-Cookie parsing (RFC 6265bis §5.6) and a small jar that keeps every raw header. */

export interface SetCookie {
  readonly name: string
  readonly value: string
  readonly raw: string
  readonly httpOnly: boolean
  readonly secure: boolean
  /** As written (`Lax`, `Strict`, `None`), or undefined when the attribute is absent. */
  readonly sameSite: string | undefined
  readonly domain: string | undefined
  readonly path: string | undefined
  readonly maxAge: number | undefined
  readonly expires: Date | undefined
}

export const parseSetCookie = (raw: string): SetCookie => {
  const [pair = '', ...attrs] = raw.split(';')
  const eq = pair.indexOf('=')
  const name = (eq === -1 ? '' : pair.slice(0, eq)).trim()
  const value = (eq === -1 ? pair : pair.slice(eq + 1)).trim()
  const out = {
    name,
    value,
    raw,
    httpOnly: false,
    secure: false,
    sameSite: undefined as string | undefined,
    domain: undefined as string | undefined,
    path: undefined as string | undefined,
    maxAge: undefined as number | undefined,
    expires: undefined as Date | undefined,
  }
  for (const attr of attrs) {
    const i = attr.indexOf('=')
    const key = (i === -1 ? attr : attr.slice(0, i)).trim().toLowerCase()
    const v = i === -1 ? '' : attr.slice(i + 1).trim()
    if (key === 'httponly') out.httpOnly = true
    else if (key === 'secure') out.secure = true
    else if (key === 'samesite') out.sameSite = v
    else if (key === 'domain') out.domain = v.replace(/^\./, '')
    else if (key === 'path') out.path = v
    else if (key === 'max-age' && /^-?\d+$/.test(v)) out.maxAge = Number(v)
    else if (key === 'expires') {
      const d = new Date(v)
      if (!Number.isNaN(d.getTime())) out.expires = d
    }
  }
  return out
}

/** True when the header deletes the cookie (Max-Age ≤ 0 or Expires in the past). */
export const isDeletion = (c: SetCookie, now = Date.now()): boolean =>
  (c.maxAge !== undefined && c.maxAge <= 0) ||
  (c.maxAge === undefined && c.expires !== undefined && c.expires.getTime() <= now)

/**
 * A cookie jar for one simulated client. It is deliberately simple: the probe talks to the origins
 * the user named, so cookies are kept per name (the last Set-Cookie wins) and sent to every request
 * of the same client; the raw headers stay available to checks.
 */
export class CookieJar {
  readonly #cookies = new Map<string, SetCookie>()
  readonly received: SetCookie[] = []

  store(setCookies: readonly SetCookie[]): void {
    for (const c of setCookies) {
      this.received.push(c)
      if (isDeletion(c)) this.#cookies.delete(c.name)
      else this.#cookies.set(c.name, c)
    }
  }

  get(name: string): SetCookie | undefined {
    return this.#cookies.get(name)
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, parseSetCookie(`${name}=${value}`))
  }

  delete(name: string): void {
    this.#cookies.delete(name)
  }

  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined
    return [...this.#cookies.values()].map((c) => `${c.name}=${c.value}`).join('; ')
  }

  names(): string[] {
    return [...this.#cookies.keys()]
  }
}
