/**
 * How long a secret must stay in the list after it leaves first place.
 *
 * Once demoted, a secret signs nothing new; what it signed before can still be presented until the
 * longest-lived of those things ends (FACTS.md §1.3, §4.1, §4.3, §9):
 * - session cookies: the securecookie codec refuses an envelope older than its MaxAge, which is
 *   `session.lifespan` when `session.cookie.persistent` is true and gorilla's 30 days otherwise
 *   (Kratos only shortens it for persistent cookies). A non-persistent cookie can outlive the
 *   lifespan because admin extension moves `expires_at` without re-issuing the cookie, so 30 days
 *   is the real bound there;
 * - continuity cookies (OIDC, settings): bound by the flows they carry, so by the flow lifespans;
 * - recovery/verification links and codes, HMAC'd under `secrets.cookie[0]`: the flow lifespans of
 *   recovery and verification and `selfservice.methods.{link,code}.config.lifespan`;
 * - every other flow (login, registration, settings) for the CSRF-bound forms.
 * The retention is the maximum of these, plus a grace period for replicas that reload the config
 * late (a Kratos that has not yet reloaded still signs with the old first secret) and clock skew.
 *
 * `secrets.cipher` is never pruned automatically: it encrypts the OIDC tokens stored with the
 * credentials (FACTS.md §1.4), which live as long as the identity, so dropping a key makes them
 * undecryptable for good. Remove one by hand after re-encrypting.
 */
import type { ConfigView } from '../config/types.ts'
import { goDurationSeconds } from './durations.ts'
import type { Purpose } from './secret-sources.ts'
import { DEFAULT_MAX_AGE_SECONDS } from './securecookie.ts'

export const GRACE_SECONDS = 3600

const lifespanKeys = [
  'session.lifespan',
  'selfservice.flows.login.lifespan',
  'selfservice.flows.registration.lifespan',
  'selfservice.flows.settings.lifespan',
  'selfservice.flows.recovery.lifespan',
  'selfservice.flows.verification.lifespan',
  'selfservice.methods.link.config.lifespan',
  'selfservice.methods.code.config.lifespan',
] as const

/** Schema defaults (FACTS.md §1.1, §1.7), used when the view has no value at all. */
const defaults: Readonly<Record<string, string>> = { 'session.lifespan': '24h' }

export interface RetentionPart {
  readonly key: string
  readonly seconds: number
}

export interface Retention {
  /** null: never prune automatically. */
  readonly seconds: number | null
  readonly parts: readonly RetentionPart[]
}

const seconds = (view: ConfigView, key: string): number => {
  const v = view.get(key)
  const text = typeof v === 'string' ? v : (defaults[key] ?? '1h')
  return goDurationSeconds(text) ?? goDurationSeconds(defaults[key] ?? '1h') ?? 3600
}

export const retentionFor = (view: ConfigView, purpose: Purpose): Retention => {
  if (purpose === 'cipher') return { seconds: null, parts: [] }
  const parts: RetentionPart[] = lifespanKeys.map((key) => ({ key, seconds: seconds(view, key) }))
  if (view.get('session.cookie.persistent') === false) {
    parts.push({
      key: 'securecookie codec max age (non-persistent cookie)',
      seconds: DEFAULT_MAX_AGE_SECONDS,
    })
  }
  return { seconds: Math.max(...parts.map((p) => p.seconds)) + GRACE_SECONDS, parts }
}
