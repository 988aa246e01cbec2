import type { Check } from './types.ts'

const idPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/

/** Declares a probe check; ids are kebab-case, subject first, verdict last. */
export const defineCheck = (check: Check): Check => {
  if (!idPattern.test(check.id)) throw new Error(`check id '${check.id}' is not kebab-case`)
  return check
}

/** Repository path of a check's doc page; reporters resolve it to a URL. */
export const checkDocsPath = (id: string): string => `docs/checks/${id}.md`
