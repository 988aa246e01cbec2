// The effective configuration of the double, derived the way Kratos derives it (FACTS §1, §4).
// Recomputed on use so that `setWeakness` takes effect at once (Kratos itself hot-reloads
// `session.*`, `cookies.*` and `secrets.*`, FACTS §3).
import type { DoubleOptions, SameSite, WeaknessName } from './types.ts'

const units: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
}

/** Go duration → milliseconds (schema pattern `^([0-9]+(ns|us|ms|s|m|h))+$`, FACTS §1). */
export const durationMs = (text: string): number => {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy
  let total = 0
  let consumed = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (units[m[2] ?? ''] ?? 0)
    consumed = re.lastIndex
  }
  if (consumed !== text.length || text.length === 0) throw new Error(`bad Go duration: ${text}`)
  return total
}

/** Go strconv.ParseBool through koanf: anything unparseable silently becomes false (FACTS §1.1). */
export const goBool = (text: string): boolean =>
  ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)

export interface CookieAttributes {
  name: string
  domain: string | undefined
  path: string
  sameSite: SameSite
  secure: boolean
  httpOnly: boolean
  persistent: boolean
}

export interface Settings {
  dev: boolean
  lifespanMs: number
  earliestExtendMs: number
  privilegedMaxAgeMs: number
  flowLifespanMs: number
  sessionCookie: CookieAttributes
  csrfCookie: Omit<CookieAttributes, 'name' | 'persistent' | 'httpOnly'>
  secrets: readonly string[]
  cors: { enabled: boolean; allowedOrigins: readonly string[]; allowCredentials: boolean }
  requiredAal: 'aal1' | 'highest_available'
  fasterSessionExtend: boolean
  registrationSessionHook: boolean
  revokeSessionsOnPasswordChange: boolean
  version: string
}

// A year, the lifespan the `longLifespan` weakness forces (FACTS §1.1 has no maximum).
const longLifespan = '8760h'

export const resolveSettings = (
  options: DoubleOptions,
  weak: (name: WeaknessName) => boolean,
  hostname: string,
  fallbackSecret: string,
): Settings => {
  const dev = options.dev ?? false
  const sc = options.cookie ?? {}
  const cc = options.cookies ?? {}
  const lifespan = weak('longLifespan') ? longLifespan : (options.lifespan ?? '24h')
  const lifespanMs = durationMs(lifespan)
  // session.cookie.domain falls back to cookies.domain only when the key is absent (§4.1).
  const baseDomain = 'domain' in sc ? sc.domain || undefined : cc.domain || undefined
  const secrets = options.secrets?.cookie?.length
    ? options.secrets.cookie
    : options.secrets?.default?.length
      ? options.secrets.default
      : [fallbackSecret]
  const corsOn = weak('corsReflectAnyOrigin')
  return {
    dev,
    lifespanMs,
    earliestExtendMs:
      options.earliestPossibleExtend === undefined
        ? lifespanMs
        : durationMs(options.earliestPossibleExtend),
    privilegedMaxAgeMs: durationMs(options.privilegedSessionMaxAge ?? '1h'),
    flowLifespanMs: durationMs(options.flowLifespan ?? '1h'),
    sessionCookie: {
      name: sc.name ?? 'ory_kratos_session',
      domain: weak('cookieDomainParent') ? (baseDomain ?? hostname) : baseDomain,
      path: sc.path ?? cc.path ?? '/',
      sameSite: weak('sameSiteNone') ? 'None' : (sc.sameSite ?? cc.sameSite ?? 'Lax'),
      secure: weak('cookieNotSecure') ? false : sc.secure === undefined ? !dev : goBool(sc.secure),
      httpOnly: !weak('cookieNotHttpOnly'),
      persistent: sc.persistent ?? true,
    },
    csrfCookie: csrfAttributes(cc, dev),
    secrets,
    cors: corsOn
      ? { enabled: true, allowedOrigins: ['*'], allowCredentials: true }
      : {
          enabled: options.cors?.enabled ?? false,
          allowedOrigins: options.cors?.allowedOrigins ?? ['*'],
          allowCredentials: options.cors?.allowCredentials ?? true,
        },
    requiredAal: options.requiredAal ?? 'highest_available',
    fasterSessionExtend: options.fasterSessionExtend ?? false,
    registrationSessionHook: options.registrationSessionHook ?? true,
    revokeSessionsOnPasswordChange: !weak('passwordChangeKeepsSessions'),
    version: options.version ?? 'v26.2.0',
  }
}

const csrfAttributes = (
  cc: NonNullable<DoubleOptions['cookies']>,
  dev: boolean,
): Settings['csrfCookie'] => {
  const secure = cc.secure === undefined ? !dev : goBool(cc.secure)
  // nosurf: SameSite is forced to Lax whenever the CSRF cookie is not Secure (FACTS §4.2).
  return {
    domain: cc.domain || undefined,
    path: cc.path ?? '/',
    sameSite: secure ? (cc.sameSite ?? 'Lax') : 'Lax',
    secure,
  }
}
