/**
 * Where a finding points. A set key points at its value. An absent key (a default applies)
 * points at its nearest set ancestor, so `session.cookie.same_site` left to the default points
 * at the `session.cookie:` block a reader would edit; with no set ancestor the location is null.
 * The origin kind stays the key's own (`default`), so reports never claim a file set it.
 */
import type { ConfigView } from '../config/types.ts'
import type { OriginKind, SourceLocation } from './finding.ts'

export interface Located {
  readonly location: SourceLocation | null
  readonly origin: OriginKind
}

const parentOf = (key: string): string | undefined => {
  const cut = key.lastIndexOf('.')
  return cut < 0 ? undefined : key.slice(0, cut)
}

export const locate = (view: ConfigView, key: string): Located => {
  const own = view.origin(key)
  if (own.location !== null || view.has(key)) return { location: own.location, origin: own.kind }
  for (let up = parentOf(key); up !== undefined; up = parentOf(up)) {
    if (view.has(up)) return { location: view.origin(up).location, origin: own.kind }
  }
  return { location: null, origin: own.kind }
}
