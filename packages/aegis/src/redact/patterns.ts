/**
 * Secret shapes recognised without knowing the value: Kratos tokens, credentials inside URLs,
 * headers, cookies, JSON members and query parameters, JWTs, key material. One regular
 * expression, compiled once, one pass per call.
 *
 * Token prefixes, from Kratos' source (b86338da, `x/token_prefixes.go`, FACTS.md §5.1): `ory_st_`
 * (session token) and `ory_lo_` (logout token); the v0.13 changelog calls the logout prefix
 * `ory_lt_`, so that spelling is covered too. Ory Hydra, often deployed next to Kratos, prefixes
 * OAuth2 tokens with `ory_at_`, `ory_rt_` and `ory_ac_` (`key.signature`). Any `ory_` + two or
 * three lowercase letters + `_` is treated as a token; longer words are left alone because
 * `ory_kratos_session` and `ory_kratos_continuity` are cookie names, not values.
 */
import { REDACTED } from './placeholder.ts'

/** Case-insensitive letters without the `i` flag, which the other branches must not get. */
const ci = (word: string): string => word.replace(/[a-z]/g, (c) => `[${c.toUpperCase()}${c}]`)

const anyOf = (words: readonly string[]): string => `(?:${words.map(ci).join('|')})`

const credentialParams = [
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'client_secret',
  'token',
  'session_token',
  'logout_token',
  'access_token',
  'refresh_token',
  'id_token',
  'flow_token',
  'csrf_token',
  'api_key',
  'apikey',
  'code',
]

/** Kratos and Hydra tokens (`ory_st_…`, `ory_at_…`); the `ory` branch below names the prefix group. */
const oryTokenSource = String.raw`(?<![A-Za-z0-9])(ory_[a-z]{2,3}_)[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]+)*`

interface Branch {
  readonly name: string
  /**
   * A cheap test the text must pass for the branch to be able to match (a literal it needs).
   * Most texts (finding messages) pass none, and skip the regular expression entirely.
   */
  readonly needs: (text: string) => boolean
  readonly source: string
  readonly replace: (match: string, groups: Readonly<Record<string, string | undefined>>) => string
}

const keep = (prefix: string | undefined, suffix = ''): string =>
  `${prefix ?? ''}${REDACTED}${suffix}`

/** Masks each `name=value` pair of a Cookie header, or the first pair of a Set-Cookie header. */
export const redactCookiePairs = (value: string, setCookie: boolean): string => {
  const semi = setCookie ? value.indexOf(';') : -1
  const pairs = semi === -1 ? value : value.slice(0, semi)
  const rest = semi === -1 ? '' : value.slice(semi)
  const masked = pairs
    .split(';')
    .map((pair) => {
      const eq = pair.indexOf('=')
      return eq === -1 || pair.slice(eq + 1).trim() === ''
        ? pair
        : `${pair.slice(0, eq + 1)}${REDACTED}`
    })
    .join(';')
  return masked + rest
}

const branches: readonly Branch[] = [
  {
    name: 'pem',
    needs: (t) => t.includes('-----BEGIN'),
    source: String.raw`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----|[\s\S]*)`,
    replace: () => REDACTED,
  },
  {
    name: 'ory',
    needs: (t) => t.includes('ory_'),
    source: oryTokenSource.replace('(ory_', '(?<oryPrefix>ory_'),
    replace: (_m, g) => keep(g['oryPrefix']),
  },
  {
    name: 'jwt',
    needs: (t) => t.includes('eyJ'),
    source: String.raw`(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`,
    replace: () => REDACTED,
  },
  {
    // base64:// carries whole JWKS (private keys) for the session tokenizer (FACTS.md §1.1).
    name: 'b64scheme',
    needs: (t) => t.includes('://'),
    source: String.raw`${ci('base64')}://[A-Za-z0-9+/=_-]+`,
    replace: (m) => keep(m.slice(0, 9)),
  },
  {
    // scheme://user:password@host: DSNs (FACTS.md §1.5), SMTP URIs; the password may hold `@`.
    name: 'userinfo',
    needs: (t) => t.includes('://') && t.includes('@'),
    source: String.raw`(?<uiHead>(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[^\s:/?#@'"<>\[\]]*:)[^\s/?#'"<>]+@`,
    replace: (_m, g) => keep(g['uiHead'], '@'),
  },
  {
    // Header lines as probe evidence and logs write them (FACTS.md §1.8 names the four headers).
    name: 'auth',
    needs: (t) => /(?:authorization|x-session-token)[ \t]*:/i.test(t),
    source: String.raw`(?<authHead>\b${anyOf(['authorization', 'x-session-token', 'proxy-authorization'])}[ \t]*:[ \t]*)[^\s\r\n][^\r\n]*`,
    replace: (_m, g) => keep(g['authHead']),
  },
  {
    name: 'cookieLine',
    needs: (t) => /cookie[ \t]*:/i.test(t),
    source: String.raw`(?<![^\n])(?<ckIndent>[ \t]*)(?<ckName>${anyOf(['set-cookie', 'cookie'])})(?<ckSep>[ \t]*:[ \t]*)(?<ckValue>[^\s=;,]+=[^\r\n]*)`,
    replace: (_m, g) =>
      `${g['ckIndent'] ?? ''}${g['ckName'] ?? ''}${g['ckSep'] ?? ''}${redactCookiePairs(
        g['ckValue'] ?? '',
        (g['ckName'] ?? '').length > 6,
      )}`,
  },
  {
    // Kratos' own cookies wherever they appear (FACTS.md §4.1–4.3).
    name: 'kratosCookie',
    needs: (t) => t.includes('ory_kratos_') || t.includes('csrf_token_'),
    source: String.raw`(?<kcName>(?:__Host-|__Secure-)?(?:ory_kratos_session|ory_kratos_continuity|csrf_token_[0-9a-f]{64})=)[^;\s,"'&]+`,
    replace: (_m, g) => keep(g['kcName']),
  },
  {
    name: 'query',
    needs: (t) => t.includes('=') && (t.includes('?') || t.includes('&')),
    source: String.raw`(?<qName>[?&]${anyOf(credentialParams)}=)[^&\s#"'<>]+`,
    replace: (_m, g) => keep(g['qName']),
  },
  {
    // UI nodes carry the CSRF token and typed credentials in {"name":"csrf_token",…,"value":"…"}.
    name: 'uiNode',
    needs: (t) => t.includes('"name"'),
    source: String.raw`(?<unHead>"name"\s*:\s*"(?:csrf_token|password|code|totp_code|lookup_secret|[a-z_]*_token)"[^{}]*?"value"\s*:\s*")(?:[^"\\]|\\.)+(?<unTail>"|$)`,
    replace: (_m, g) => keep(g['unHead'], g['unTail']),
  },
  {
    name: 'jsonMember',
    needs: (t) => /"\s*:\s*"/.test(t),
    source: String.raw`(?<jmHead>"(?:[A-Za-z_]*(?:${ci('token')}|${ci('password')}|${ci('secret')})|(?:[A-Za-z_]*_)?code)"\s*:\s*")(?:[^"\\]|\\.)+(?<jmTail>"|$)`,
    replace: (_m, g) => keep(g['jmHead'], g['jmTail']),
  },
]

/**
 * Long opaque strings: encrypted cookie values, masked CSRF tokens. Only for text from the
 * network (probe evidence), where secrets nobody told us about are expected; a config has none
 * this shape that the other patterns miss, and masking would hide hashes and ids it quotes.
 */
const opaque: Branch = {
  name: 'opaque',
  needs: (t) => t.length >= 40,
  source: String.raw`(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{40,}={0,2}`,
  replace: () => REDACTED,
}

interface Compiled {
  readonly pattern: RegExp
  readonly replace: (match: string, ...args: unknown[]) => string
}

/** One compiled expression per set of branches a text can need; only a few sets occur. */
const compiled = new Map<number, Compiled>()

const compile = (list: readonly Branch[]): Compiled => ({
  pattern: new RegExp(list.map((b) => `(?<${b.name}>${b.source})`).join('|'), 'g'),
  replace: (match: string, ...args: unknown[]): string => {
    const groups = args[args.length - 1] as Record<string, string | undefined>
    const branch = list.find((b) => groups[b.name] !== undefined)
    return branch === undefined ? match : branch.replace(match, groups)
  },
})

const all = [...branches, opaque]

/** Everything some branch needs, in one scan: most texts (finding messages) stop here. */
const anyNeed =
  /-----BEGIN|ory_|eyJ|:\/\/|(?:authorization|x-session-token|cookie)[ \t]*:|csrf_token_|[?&][A-Za-z_]+=|"name"|"\s*:\s*"/i

export interface PatternOptions {
  /** Also mask long opaque strings (probe evidence). */
  readonly opaque?: boolean
}

/**
 * `text` with every recognised secret shape masked. Each branch starts only where a run of its
 * characters starts (the lookbehinds), so a long run is scanned once, not once per position:
 * one pass, linear in the text, even over a megabyte of base64.
 */
export const redactPatterns = (text: string, options: PatternOptions = {}): string => {
  if (options.opaque !== true && !anyNeed.test(text)) return text
  let mask = 0
  const count = options.opaque === true ? all.length : branches.length
  for (let i = 0; i < count; i++) if (all[i]?.needs(text) === true) mask |= 1 << i
  if (mask === 0) return text
  let c = compiled.get(mask)
  if (c === undefined) {
    c = compile(all.filter((_, i) => (mask & (1 << i)) !== 0))
    compiled.set(mask, c)
  }
  c.pattern.lastIndex = 0
  return text.replace(c.pattern, c.replace)
}
