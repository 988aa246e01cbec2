/**
 * The only way a probe check reaches the target. It refuses hosts the user did not name, bounds
 * every request in time, counts them against one budget for the whole run, never follows
 * redirects (a check reads the Location itself) and records redacted evidence per check.
 */
import { AegisError } from '../errors.ts'
import type { Evidence } from '../engine/finding.ts'
import { parseSetCookie, type CookieJar, type SetCookie } from './cookies.ts'
import { networkRedactor, type Redactor } from '../redact/redactor.ts'

export interface ProbeRequest {
  readonly method?: string
  readonly url: string | URL
  readonly headers?: Readonly<Record<string, string>>
  /** A string is sent as is; an object as JSON; URLSearchParams as a form. */
  readonly body?: string | URLSearchParams | Readonly<Record<string, unknown>>
  /** The client whose cookies go along and receive Set-Cookie; null sends none. */
  readonly jar?: CookieJar | null
  /** Shown in evidence before the request line. */
  readonly label?: string
  /** Not recorded as evidence unless the check keeps it (`client.keep(response)`). */
  readonly quiet?: boolean
  /**
   * Cleanup only: not counted against the budget, so a run that used it up still deletes the
   * identity and sessions it made.
   */
  readonly cleanup?: boolean
}

export interface ProbeResponse {
  readonly url: URL
  readonly status: number
  readonly headers: Headers
  readonly setCookies: readonly SetCookie[]
  readonly text: string
  /** The redacted request and response lines, as they would appear in evidence. */
  readonly evidence: Evidence
  /** The body as JSON, or undefined when it is not JSON. */
  json(): unknown
}

/**
 * Credentials for one origin (an admin API behind a basic-auth proxy): the Authorization value
 * sent on every request to that origin and nowhere else, and the secrets it was made from (user,
 * password), which the client's redactor remembers so they appear in no evidence or message.
 */
export interface OriginAuth {
  readonly authorization: string
  readonly secrets: readonly string[]
}

export interface ClientOptions {
  readonly allowedOrigins: readonly URL[]
  readonly timeoutMs: number
  readonly budget: number
  readonly maxBodyBytes?: number
  readonly redactor?: Redactor
  /** Per-origin credentials (keyed by URL origin). */
  readonly originAuth?: ReadonlyMap<string, OriginAuth>
}

const shownHeaders = [
  'location',
  'set-cookie',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'cache-control',
  'strict-transport-security',
  'content-type',
  'ory-error-id',
]

export class ProbeClient {
  readonly redactor: Redactor
  readonly #options: ClientOptions
  readonly #origins: ReadonlySet<string>
  readonly #auth: ReadonlyMap<string, OriginAuth>
  #used = 0
  #evidence: Evidence[] = []

  constructor(options: ClientOptions) {
    this.#options = options
    this.#origins = new Set(options.allowedOrigins.map((u) => u.origin))
    this.redactor = options.redactor ?? networkRedactor()
    this.#auth = options.originAuth ?? new Map()
    for (const { authorization, secrets } of this.#auth.values()) {
      this.redactor.remember(authorization)
      // The token alone (base64 of user:password) too: a proxy may echo it without the scheme.
      this.redactor.remember(authorization.replace(/^\S+\s+/, ''))
      for (const s of secrets) this.redactor.remember(s)
    }
  }

  get requestsUsed(): number {
    return this.#used
  }

  /** Starts a new evidence record (one per check) and returns the previous one. */
  takeEvidence(): Evidence[] {
    const out = this.#evidence
    this.#evidence = []
    return out
  }

  note(label: string, text: string): void {
    this.#evidence.push({ label, text: this.redactor.text(text) })
  }

  async request(req: ProbeRequest, signal?: AbortSignal): Promise<ProbeResponse> {
    const url = new URL(req.url)
    if (!this.#origins.has(url.origin)) {
      throw new AegisError('AEGIS_HOST_NOT_ALLOWED', this.#refusal(url), {
        hint: 'the probe only talks to --public-url, --admin-url and --app-url',
      })
    }
    if (req.cleanup !== true && this.#used >= this.#options.budget) {
      throw new AegisError(
        'AEGIS_BUDGET_EXCEEDED',
        `request budget of ${this.#options.budget} used up`,
      )
    }
    if (req.cleanup !== true) this.#used++
    const headers = new Headers(req.headers)
    // A check's own Authorization (a session token) wins; the origin's credentials fill in.
    const auth = this.#auth.get(url.origin)
    if (auth !== undefined && !headers.has('authorization'))
      headers.set('authorization', auth.authorization)
    const cookie = req.jar?.header()
    if (cookie !== undefined && !headers.has('cookie')) headers.set('cookie', cookie)
    let body: string | undefined
    if (typeof req.body === 'string') body = req.body
    else if (req.body instanceof URLSearchParams) {
      body = req.body.toString()
      headers.set('content-type', 'application/x-www-form-urlencoded')
    } else if (req.body !== undefined) {
      body = JSON.stringify(req.body)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
    const method = req.method ?? 'GET'
    const timeout = AbortSignal.timeout(this.#options.timeoutMs)
    const res = await fetch(url, {
      method,
      headers,
      redirect: 'manual',
      signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
      ...(body === undefined ? {} : { body }),
    })
    const text = await readBounded(res, this.#options.maxBodyBytes ?? 1_000_000)
    const setCookies = res.headers.getSetCookie().map(parseSetCookie)
    for (const c of setCookies) this.redactor.remember(c.value)
    req.jar?.store(setCookies)
    const partial = { url, status: res.status, headers: res.headers, setCookies, text }
    const evidence = this.#format(req, method, url, headers, partial)
    const response: ProbeResponse = {
      ...partial,
      evidence,
      json: () => {
        try {
          return JSON.parse(text) as unknown
        } catch {
          return undefined
        }
      },
    }
    if (req.quiet !== true) this.#evidence.push(evidence)
    return response
  }

  /**
   * Why a URL was refused. The common case is not an attack but a host mismatch: Kratos builds its
   * URLs (logout_url, flow actions, redirects) from serve.public.base_url (FACTS §6.1), so a target
   * given as localhost whose base URL says 127.0.0.1 (or the reverse) links to a host the user did
   * not name. The message says so, since a check's error shows only the message.
   */
  #refusal(url: URL): string {
    const base = `refused to send a request to ${url.origin}`
    const twin = this.#options.allowedOrigins.find(
      (u) => u.protocol === url.protocol && u.port === url.port && u.hostname !== url.hostname,
    )
    if (twin === undefined) return base
    return `${base}: Kratos builds its URLs from serve.public.base_url, which names ${url.host}, while the probe was given ${twin.host}; give the probe the same host (--public-url ${url.origin}) or set serve.public.base_url to ${twin.origin}/`
  }

  /** Records a quiet request's evidence after all (the requests that prove the result). */
  keep(response: ProbeResponse): void {
    this.#evidence.push(response.evidence)
  }

  #format(
    req: ProbeRequest,
    method: string,
    url: URL,
    sent: Headers,
    res: Pick<ProbeResponse, 'status' | 'headers' | 'setCookies' | 'text'>,
  ): Evidence {
    const r = this.redactor
    const lines = [`${method} ${r.text(url.pathname + url.search)}`]
    for (const name of ['origin', 'cookie', 'x-session-token', 'authorization']) {
      const v = sent.get(name)
      if (v !== null) lines.push(`${name}: ${r.header(name, v)}`)
    }
    lines.push(`→ ${res.status}`)
    for (const name of shownHeaders) {
      if (name === 'set-cookie') {
        for (const c of res.setCookies) lines.push(`set-cookie: ${r.header(name, c.raw)}`)
        continue
      }
      const v = res.headers.get(name)
      if (v !== null) lines.push(`${name}: ${r.header(name, v)}`)
    }
    const excerpt = res.text.slice(0, 300)
    if (excerpt.length > 0) lines.push(r.text(excerpt) + (res.text.length > 300 ? '…' : ''))
    return { label: req.label ?? `${method} ${url.pathname}`, text: lines.join('\n') }
  }
}

const readBounded = async (res: Response, limit: number): Promise<string> => {
  if (res.body === null) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      break
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
