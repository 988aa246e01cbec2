/**
 * Where a finding points. A set key points at its value. An absent key (a default applies)
 * points at its nearest ancestor a file writes, so `session.cookie.same_site` left to the
 * default points at the `session.cookie:` block a reader would edit; with no such ancestor the
 * location is null. An object that exists only because an environment variable or flag sets a
 * key below it has no position (layerFromAssignments), so `SESSION_COOKIE_SECURE=…` never
 * lends its line to `session.cookie.name` left to its default.
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
    if (!view.has(up)) continue
    // An object that is only there because an environment variable or flag set a key below it
    // has no position of its own: look further up for a block a file writes.
    const location = view.origin(up).location
    if (location !== null) return { location, origin: own.kind }
  }
  return { location: null, origin: own.kind }
}
