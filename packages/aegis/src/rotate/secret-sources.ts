/**
 * Where the secrets and cookie settings of a deployment come from, for `cookie inspect` and
 * `rotate`. Read through the merged ConfigView so env vars, compose and Helm count as Kratos
 * counts them (FACTS.md §3).
 */
import type { ConfigView } from '../config/types.ts'
import { AegisError } from '../errors.ts'
import { goDurationSeconds } from './durations.ts'
import { DEFAULT_MAX_AGE_SECONDS } from './securecookie.ts'

export const purposes = ['cookie', 'default', 'cipher', 'pagination'] as const
export type Purpose = (typeof purposes)[number]

/** `--secrets a --secrets b`, or `--secrets '["a","b"]'` (the env-var array form, FACTS.md §3). */
export const parseSecretArgs = (values: readonly string[]): string[] =>
  values.flatMap((v) => {
    if (!v.trimStart().startsWith('[')) return [v]
    let parsed: unknown
    try {
      parsed = JSON.parse(v)
    } catch {
      throw new AegisError('AEGIS_BAD_VALUE', '--secrets: the JSON array is not valid JSON')
    }
    if (!Array.isArray(parsed) || !parsed.every((s): s is string => typeof s === 'string')) {
      throw new AegisError('AEGIS_BAD_VALUE', '--secrets: expected a JSON array of strings')
    }
    return parsed
  })

const stringList = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((s): s is string => typeof s === 'string') ? value : null

export interface SecretList {
  /** The key the list was read from (`secrets.cookie`, or `secrets.default` as its fallback). */
  readonly key: string
  readonly secrets: readonly string[]
}

/**
 * The secrets Kratos uses for a purpose. `secrets.cookie` falls back to `secrets.default` when it
 * is unset (FACTS.md §1.3 `SecretsSession`); the other purposes have no fallback.
 */
export const secretsFromView = (view: ConfigView, purpose: Purpose): SecretList => {
  const key = `secrets.${purpose}`
  if (view.isExternal(key)) {
    throw new AegisError('AEGIS_BAD_VALUE', `${key} is set outside the files read`, {
      hint: 'pass the values with --secrets, or the file or env var that holds them',
    })
  }
  const own = stringList(view.get(key))
  if (own !== null && own.length > 0) return { key, secrets: own }
  if (purpose === 'cookie') {
    const fallback = stringList(view.get('secrets.default'))
    if (fallback !== null && fallback.length > 0)
      return { key: 'secrets.default', secrets: fallback }
  }
  return { key, secrets: [] }
}

export interface CookieSettings {
  readonly name: string
  /** The securecookie codec's max age (FACTS.md §4.1). */
  readonly maxAgeSeconds: number
  readonly persistent: boolean
}

/**
 * Kratos' session-cookie codec: MaxAge = `session.lifespan` when `session.cookie.persistent` is
 * true (`CookieManager` calls `cs.MaxAge`), otherwise gorilla's 30-day default stays in force.
 */
export const cookieSettings = (view: ConfigView | null): CookieSettings => {
  const name = view?.get('session.cookie.name')
  const persistent = view?.get('session.cookie.persistent') !== false
  const lifespan = view?.get('session.lifespan')
  const lifespanSeconds = typeof lifespan === 'string' ? goDurationSeconds(lifespan) : null
  return {
    name: typeof name === 'string' && name !== '' ? name : 'ory_kratos_session',
    persistent,
    maxAgeSeconds: persistent ? Math.floor(lifespanSeconds ?? 86_400) : DEFAULT_MAX_AGE_SECONDS,
  }
}
