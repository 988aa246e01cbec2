/**
 * Every lifetime that bounds a session or something that can create one, for the HTML timeline:
 * seconds as Kratos would run (set value or default), with the profile's limit when it has one.
 */
import type { ConfigView } from '../config/types.ts'
import type { Profile } from '../profiles/types.ts'
import { durationAt } from '../rules/lib/durations.ts'
import type { Lifetime } from './finding.ts'

/** nosurf's fixed MaxAge for the CSRF cookie (FACTS.md §4.2). */
const csrfCookieSeconds = 31_536_000

const flows = ['login', 'registration', 'settings', 'recovery', 'verification'] as const

const privilegedKey = 'selfservice.flows.settings.privileged_session_max_age'

export const lifetimes = (view: ConfigView, profile: Profile): Lifetime[] => {
  const seconds = (key: string): number | null => durationAt(view, key)
  const limit = (l: { seconds: number | null } | undefined): number | null => l?.seconds ?? null
  const lifespan = seconds('session.lifespan')
  const privileged = seconds(privilegedKey)
  const flowLimit = limit(profile.limits.flowLifespan)
  const out: Lifetime[] = [
    {
      key: 'session.lifespan',
      label: 'session lifespan (absolute)',
      seconds: lifespan,
      limitSeconds: limit(profile.limits.sessionLifespan),
    },
    // Kratos has no inactivity timeout (FACTS.md §8): null, never a number.
    {
      key: 'session',
      label: 'inactivity timeout (none in Kratos)',
      seconds: null,
      limitSeconds: limit(profile.limits.idleTimeout),
    },
    {
      key: privilegedKey,
      label: 'privileged session max age (re-authentication)',
      seconds: privileged,
      limitSeconds: limit(profile.limits.privilegedSessionMaxAge),
      // 0s or less: every session counts as privileged, never asked to re-authenticate (QA L11).
      ...(privileged !== null && privileged <= 0 ? { unbounded: true } : {}),
    },
    ...flows.map((f) => ({
      key: `selfservice.flows.${f}.lifespan`,
      label: `${f} flow lifespan`,
      seconds: seconds(`selfservice.flows.${f}.lifespan`),
      limitSeconds: flowLimit,
    })),
    ...(['link', 'code'] as const).map((m) => ({
      key: `selfservice.methods.${m}.config.lifespan`,
      label: `${m} method lifespan (recovery/verification)`,
      seconds: seconds(`selfservice.methods.${m}.config.lifespan`),
      limitSeconds: flowLimit,
    })),
    {
      key: 'session.cookie.persistent',
      label: 'session cookie Max-Age (browser session when not persistent)',
      seconds: view.get('session.cookie.persistent') === false ? null : lifespan,
      limitSeconds: null,
    },
    {
      key: 'cookies',
      label: 'CSRF cookie Max-Age (fixed by Kratos)',
      seconds: csrfCookieSeconds,
      limitSeconds: null,
    },
  ]
  const templates = view.get('session.whoami.tokenizer.templates')
  if (templates !== null && typeof templates === 'object') {
    for (const name of Object.keys(templates)) {
      const key = `session.whoami.tokenizer.templates.${name}.ttl`
      out.push({
        key,
        label: `JWT ttl (template ${name})`,
        seconds: seconds(key) ?? 60,
        limitSeconds: lifespan,
      })
    }
  }
  return out
}
