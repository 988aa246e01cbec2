/**
 * Secret values copied from Kratos' quickstarts and docs, found verbatim in real deployments
 * (STANDARDS.md §1.11), plus the shapes of obvious stand-ins. Compared case-insensitively.
 */
const known = new Set([
  'please-change-me-i-am-very-insecure',
  '32-long-secret-not-secure-at-all',
  'test pagination secret',
  'youreallyneedtochangethis',
])

const shapes = [
  /change[-_ ]?me/i,
  /not[-_ ]?secure/i,
  /insecure/i,
  /^(secret|password|changeit|example)/i,
  /placeholder/i,
]

export const isPlaceholder = (value: string): boolean =>
  known.has(value.toLowerCase()) || shapes.some((s) => s.test(value))
