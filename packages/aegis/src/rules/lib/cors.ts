/**
 * How Kratos matches `serve.public.cors.allowed_origins` wildcards (ory/x corsx `CheckOrigin` and
 * `ClassifyOrigin`, vendored as oryx/corsx/check_origin.go in Kratos).
 *
 * One `*` per entry splits it into a prefix and a suffix; an Origin matches when it starts with
 * the prefix and ends with the suffix. Up to v26.2.0 that is all, so `https://*` matches every
 * https site and `https://*.com` every .com site. After v26.2.0 (commit d027980ec, not in a tagged
 * release yet) a wildcard is honoured only when the domain after the wildcard label is registrable
 * (an eTLD+1); other wildcards are skipped, unless `feature_flags.legacy_allow_insecure_origins` is
 * true, which restores the old matching (for CORS and for allowed return URLs alike).
 */
import type { ConfigView } from '../../config/types.ts'
import { isPublicSuffix } from './hosts.ts'

export const legacyKey = 'feature_flags.legacy_allow_insecure_origins'

export interface OriginPattern {
  readonly wildcard: boolean
  /** The `*` sits in a subdomain label followed by a registrable domain (`*.example.com`). */
  readonly bounded: boolean
  /** The domain after the wildcard label (`com` for `*.com`), '' when none follows. */
  readonly base: string
}

/** corsx.ClassifyOrigin: only the text from the last `*` on decides; a `:port` is ignored. */
export const classifyOrigin = (pattern: string): OriginPattern => {
  const star = pattern.lastIndexOf('*')
  if (star < 0) return { wildcard: false, bounded: false, base: '' }
  const rest = pattern.slice(star)
  const dot = rest.indexOf('.')
  if (dot < 0) return { wildcard: true, bounded: false, base: '' }
  const base = rest
    .slice(dot + 1)
    .toLowerCase()
    .replace(/:.*$/, '')
  // A registrable domain has a label of its own below a public suffix; a single label is a TLD.
  // The suffix list is an excerpt (hosts.ts): a miss treats a shared-hosting base as registrable.
  const bounded = base.includes('.') && !isPublicSuffix(base) && !base.split('.').includes('')
  return { wildcard: true, bounded, base }
}

/** Whether Kratos matches unbounded wildcards for this view (released versions, or the flag). */
export const unboundedHonoured = (view: ConfigView): boolean =>
  view.version !== 'head' || view.get(legacyKey) === true

/** Wildcard entries that admit hosts anyone can register, as Kratos would match them. */
export const unboundedWildcards = (origins: readonly unknown[]): string[] =>
  origins.filter((o): o is string => {
    if (typeof o !== 'string' || o === '*') return false
    const { wildcard, bounded } = classifyOrigin(o)
    return wildcard && !bounded
  })
