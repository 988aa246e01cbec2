// Public types of the Kratos test double (see README.md next to this file and /work/team/APIS.md).
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * One switch per weakness. Off (the default) the double behaves like a hardened Kratos as described
 * in FACTS.md; each switch injects exactly one known failure so a probe check can be proven both ways.
 */
export const weaknessNames = [
  'cookieNotHttpOnly',
  'cookieNotSecure',
  'sameSiteNone',
  'cookieDomainParent',
  'sessionReusedOnLogin',
  'logoutDoesNotRevoke',
  'apiLogoutDoesNotRevoke',
  'revokeIsCached',
  'corsReflectAnyOrigin',
  'csrfNotChecked',
  'tokenInUrl',
  'tokenInBrowserBody',
  'noCacheControl',
  'adminOnPublic',
  'openRedirect',
  'longLifespan',
  'passwordChangeKeepsSessions',
  'acceptsPlainHttp',
  'noHsts',
] as const
export type WeaknessName = (typeof weaknessNames)[number]

export type SameSite = 'Strict' | 'Lax' | 'None'
export type Aal = 'aal1' | 'aal2'

/** `session.cookie.*` (FACTS §1.1). `secure` is a string, as in Kratos v25.4.0+. */
export interface SessionCookieOptions {
  name?: string
  domain?: string
  path?: string
  sameSite?: SameSite
  persistent?: boolean
  secure?: string
}

/** `cookies.*` (FACTS §1.2). */
export interface CookiesOptions {
  domain?: string
  path?: string
  sameSite?: SameSite
  secure?: string
}

export interface CorsOptions {
  enabled: boolean
  allowedOrigins?: readonly string[]
  allowCredentials?: boolean
}

/** Transient faults for the guard's tests: a status, a delay, or a request that never answers. */
export interface Fault {
  status?: 429 | 500 | 503
  delayMs?: number
  hang?: boolean
  /** Limit the fault to paths starting with this prefix (default: every path). */
  pathPrefix?: string
}

export interface ExtraRouteContext {
  readonly double: KratosDouble
}
/** Hook for an application double mounted on the public port; return true when handled. */
export type ExtraRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ExtraRouteContext,
) => boolean | Promise<boolean>

export interface DoubleOptions {
  /** Kratos dev mode (`--dev`, `dev: true`, `DEV=true`): FACTS §4.4. */
  dev?: boolean
  /** `session.lifespan`, Go duration (default `24h`). */
  lifespan?: string
  /** `session.earliest_possible_extend` (default: the lifespan). */
  earliestPossibleExtend?: string
  cookie?: SessionCookieOptions
  cookies?: CookiesOptions
  /** `secrets.cookie` then `secrets.default`; the first entry encodes, every entry decodes (§9). */
  secrets?: { cookie?: readonly string[]; default?: readonly string[] }
  cors?: CorsOptions
  /** Added before every answer (both ports). */
  latencyMs?: number
  weaknesses?: Partial<Record<WeaknessName, boolean>>
  /** `session.whoami.required_aal` (default `highest_available`). */
  requiredAal?: 'aal1' | 'highest_available'
  /** `selfservice.flows.settings.privileged_session_max_age` (default `1h`). */
  privilegedSessionMaxAge?: string
  /** `selfservice.flows.login.lifespan` and friends (default `1h`). */
  flowLifespan?: string
  /** `feature_flags.faster_session_extend`: admin extend answers 204. */
  fasterSessionExtend?: boolean
  /**
   * `feature_flags.cacheable_sessions` (+ `cacheable_sessions_max_age`, Go duration): whoami sends
   * `Ory-Session-Cache-For` (seconds left, capped by the max age; 60 on a 401 without credentials).
   */
  cacheableSessions?: { maxAge?: string }
  /** `DEV_DISABLE_API_FLOW_ENFORCEMENT=true`; only honoured together with `dev` (FACTS §4.4). */
  disableApiFlowEnforcement?: boolean
  /** `{hook: session}` after password registration (default true). */
  registrationSessionHook?: boolean
  /** Version reported by `/admin/version` (default `v26.2.0`). */
  version?: string
  /** Host name used in the URLs handed out (the socket always listens on 127.0.0.1). */
  hostname?: '127.0.0.1' | 'localhost'
  /** Fixed ports (default: random). */
  ports?: { public?: number; admin?: number }
  /** `selfservice.allowed_return_urls` (default: the public origin only). */
  allowedReturnUrls?: readonly string[]
  /** A front proxy that routes only public paths: admin-only paths answer 404 instead of 307. */
  blockAdminPathsOnPublic?: boolean
  /** Routes of an application double served on the public port before Kratos' own. */
  extraRoutes?: ExtraRoute
}

export interface AuthMethod {
  method: string
  aal: Aal
  completed_at: string
}

export interface DeviceRecord {
  id: string
  ip_address: string
  user_agent: string
  location: string
}

export interface SessionRecord {
  id: string
  token: string
  logoutToken: string
  identityId: string
  active: boolean
  expiresAt: Date
  authenticatedAt: Date
  issuedAt: Date
  aal: Aal
  methods: AuthMethod[]
  devices: DeviceRecord[]
}

export interface IdentityRecord {
  id: string
  email: string
  passwordHash: string
  totp: boolean
  state: 'active' | 'inactive'
  createdAt: Date
  updatedAt: Date
}

export interface RequestLogEntry {
  readonly method: string
  readonly path: string
  readonly port: 'public' | 'admin'
  readonly status: number
}

export interface CreateSessionOptions {
  aal?: Aal
  authenticatedAt?: Date
  expiresAt?: Date
  issuedAt?: Date
}

export interface CreatedSession {
  readonly id: string
  readonly token: string
  /** `name=value`, ready for a Cookie header. */
  readonly cookie: string
  readonly logoutToken: string
}

export interface KratosDouble {
  readonly publicUrl: string
  readonly adminUrl: string
  readonly options: DoubleOptions
  readonly sessionCookieName: string
  readonly csrfCookieName: string
  close(): Promise<void>
  /** Stop listening (connections are cut) but keep state; `restart()` listens on the same ports. */
  stop(): Promise<void>
  restart(): Promise<void>
  createIdentity(input: {
    email: string
    password: string
    totp?: boolean
  }): Promise<{ id: string }>
  createSession(identityId: string, options?: CreateSessionOptions): Promise<CreatedSession>
  /** Encode a session cookie value the way Kratos does (fresh nonce and IV each call). */
  encodeSessionCookie(token: string, expiresAt: Date): string
  sessions(): readonly SessionRecord[]
  identities(): readonly IdentityRecord[]
  setFault(fault: Fault | null): void
  setLatency(ms: number): void
  setWeakness(name: WeaknessName, on: boolean): void
  /** The identity's current TOTP code (RFC 6238), to complete an `aal=aal2` login flow. */
  totpCode(identityId: string): string
  readonly requestLog: readonly RequestLogEntry[]
  clearRequestLog(): void
}
