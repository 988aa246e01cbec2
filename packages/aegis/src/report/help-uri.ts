/**
 * Where rule and check documentation lives. The one place to change when docs move (a fork, a
 * docs site): SARIF helpUri, Markdown and HTML links are all derived from it.
 */
export const docsBaseUrl = 'https://github.com/kratos-aegis/kratos-aegis/blob/main/'

/** Tool-level finding kinds that are not rules; their docs are sections of docs/reports.md. */
export const toolRules: Readonly<Record<string, { title: string; doc: string }>> = {
  'aegis-suppression-invalid': {
    title: 'Inline suppressions have a reason and have not expired',
    doc: 'docs/reports.md#inline-suppressions',
  },
}

/** Absolute URL of a unit's doc page: an absolute helpUri is kept, a repo path is resolved. */
export const absoluteHelpUri = (helpUri: string | undefined, id: string): string => {
  const path = helpUri ?? toolRules[id]?.doc ?? `docs/rules/${id}.md`
  return /^[a-z][a-z0-9+.-]*:/i.test(path) ? path : new URL(path, docsBaseUrl).href
}
