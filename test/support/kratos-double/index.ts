// The Kratos test double: `startKratosDouble(options)` (contract in /work/team/APIS.md, behaviour in
// README.md next to this file, ground truth in ../shared/kratos/FACTS.md).
import { createHash, randomBytes } from 'node:crypto'
import { resolveSettings } from './config.ts'
import type { Internals } from './context.ts'
import { extraPublicRoutes } from './routes-public.ts'
import { adminRoutes, publicHealthRoutes } from './routes-admin.ts'
import { sessionRoutes } from './routes-sessions.ts'
import { startListeners, type Runtime } from './server.ts'
import { encodeSessionCookie } from './session-cookie.ts'
import { DoubleState } from './state.ts'
import { totpCode } from './totp.ts'
import type { DoubleOptions, KratosDouble, WeaknessName } from './types.ts'

export * from './types.ts'

export const startKratosDouble = async (options: DoubleOptions = {}): Promise<KratosDouble> => {
  const state = new DoubleState()
  const weaknesses: Partial<Record<WeaknessName, boolean>> = { ...options.weaknesses }
  const weak = (name: WeaknessName): boolean => weaknesses[name] === true
  const hostname = options.hostname ?? '127.0.0.1'
  // With neither secrets.cookie nor secrets.default, Kratos invents a per-process secret (FACTS §1.3).
  const processSecret = randomBytes(24).toString('base64url')
  const k: Internals = {
    state,
    options,
    settings: () => resolveSettings(options, weak, hostname, processSecret),
    weak,
    publicUrl: '',
    adminUrl: '',
    publicBase: '',
    hostname,
    csrfCookieName: '',
    uiUrl: '',
    defaultReturnUrl: '',
    double: undefined,
  }
  const runtime: Runtime = { fault: null, latencyMs: options.latencyMs ?? 0, log: [] }
  const routing = {
    public: [...sessionRoutes, ...publicHealthRoutes, ...extraPublicRoutes],
    admin: adminRoutes,
  }
  const listeners = await startListeners(k, runtime, routing, options.ports ?? {})
  k.publicUrl = `http://${hostname}:${listeners.publicPort}`
  k.adminUrl = `http://${hostname}:${listeners.adminPort}`
  k.publicBase = `${k.publicUrl}/`
  k.csrfCookieName = `csrf_token_${createHash('sha256').update(k.publicBase).digest('hex')}`
  k.uiUrl = `${k.publicUrl}/ui`
  k.defaultReturnUrl = `${k.publicUrl}/ui/welcome`

  const double: KratosDouble = {
    publicUrl: k.publicUrl,
    adminUrl: k.adminUrl,
    options,
    get sessionCookieName() {
      return k.settings().sessionCookie.name
    },
    csrfCookieName: k.csrfCookieName,
    close: () => listeners.stop(),
    stop: () => listeners.stop(),
    restart: () => listeners.restart(),
    createIdentity: async ({ email, password, totp }) => {
      const identity = await state.createIdentity(email, password, totp ?? false)
      return { id: identity.id }
    },
    createSession: (identityId, opts = {}) => {
      if (!state.identities.has(identityId))
        return Promise.reject(new Error(`unknown identity ${identityId}`))
      const cfg = k.settings()
      const session = state.issueSession(identityId, cfg.lifespanMs, {
        aal: opts.aal,
        authenticatedAt: opts.authenticatedAt,
        expiresAt: opts.expiresAt,
        issuedAt: opts.issuedAt,
        ...(opts.aal === 'aal2'
          ? {
              methods: [
                { method: 'password', aal: 'aal1', completed_at: new Date().toISOString() },
                { method: 'totp', aal: 'aal2', completed_at: new Date().toISOString() },
              ],
            }
          : {}),
      })
      const value = encodeSessionCookie(k, session.token, session.expiresAt)
      return Promise.resolve({
        id: session.id,
        token: session.token,
        cookie: `${cfg.sessionCookie.name}=${value}`,
        logoutToken: session.logoutToken,
      })
    },
    encodeSessionCookie: (token, expiresAt) => encodeSessionCookie(k, token, expiresAt),
    sessions: () => [...state.sessions.values()],
    identities: () => [...state.identities.values()],
    setFault: (fault) => {
      runtime.fault = fault
    },
    setLatency: (ms) => {
      runtime.latencyMs = ms
    },
    setWeakness: (name, on) => {
      weaknesses[name] = on
    },
    totpCode: (identityId) => totpCode(state, identityId),
    requestLog: runtime.log,
    clearRequestLog: () => {
      runtime.log.length = 0
    },
  }
  k.double = double
  return double
}
