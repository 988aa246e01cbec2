/**
 * The rule shape (ESLint-like): `meta` is pure data, `check` a pure function of the merged view
 * and the profile. Rules never read files, print or apply fixes; positions, fingerprints and
 * final severities are decided late, by the runner.
 */
import type { ConfigView } from '../config/types.ts'
import type { Profile } from '../profiles/types.ts'
import type { Concern, Fix, OriginKind, References, Severity, SourceLocation } from './finding.ts'
import { memoByText } from '../memo.ts'

/** The standards every rule answers for: an id in `references`, or a reason in `unmapped`. */
export const referenceKinds = ['asvs4', 'asvs5', 'nist', 'pci', 'cwe', 'wstg'] as const
export type ReferenceKind = (typeof referenceKinds)[number]

export interface RuleMeta<MessageId extends string = string> {
  /** One line, subject first: "session cookie SameSite is None". */
  readonly title: string
  /** Default severity; a profile may override it, a report may refine it. */
  readonly severity: Severity
  readonly concern: Concern
  readonly references: References
  /**
   * Why the rule cites no id of a standard, one short reason per kind left out of `references`:
   * the standard has no requirement on the subject, or its requirement lies outside the ids
   * STANDARDS.md records. Documentation only (the doc page's References list); findings and
   * reports carry `references` alone.
   */
  readonly unmapped?: Readonly<Partial<Record<ReferenceKind, string>>>
  /**
   * Messages keyed by id. `{{name}}` placeholders are filled from the report's `data`.
   * Data must never carry a secret value (CWE-532): pass lengths, indexes and origins instead.
   */
  readonly messages: Readonly<Record<MessageId, string>>
  /** Whether reports of this rule carry a fix, and of which kind. */
  readonly fixable?: Fix['kind']
}

export interface RuleReport<MessageId extends string = string> {
  /** The dotted Kratos key the finding is about (also when absent and a default applies). */
  readonly key: string
  readonly messageId: MessageId
  readonly data?: Readonly<Record<string, string | number>>
  /** Data-dependent severity (e.g. a public-suffix Domain); a profile override still wins. */
  readonly severity?: Severity
  readonly fix?: Fix
  /**
   * Where it was written, when that is not the key's own origin (an environment variable Kratos
   * reads directly, such as DEV_DISABLE_API_FLOW_ENFORCEMENT).
   */
  readonly at?: { readonly location: SourceLocation | null; readonly origin: OriginKind }
  /** What identifies this occurrence for baselines; hashed, never shown. Defaults to the key's value. */
  readonly identity?: unknown
}

export interface RuleContext {
  readonly view: ConfigView
  readonly profile: Profile
}

/** Why a rule did not run: it does not apply to this profile or Kratos version. */
export interface RuleSkip {
  readonly skip: string
}

export interface Rule<MessageId extends string = string> {
  readonly id: string
  readonly meta: RuleMeta<MessageId>
  check(context: RuleContext): readonly RuleReport<MessageId>[] | RuleSkip
}

export const defineRule = <MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> => rule

/** The docs page is derived from the id, never written by the rule (typescript-eslint RuleCreator). */
export const ruleDocsPath = (id: string): string => `docs/rules/${id}.md`

export const isSkip = (value: readonly RuleReport[] | RuleSkip): value is RuleSkip =>
  !Array.isArray(value)

/**
 * A template cut at its placeholders: its leading text, then for each placeholder the
 * placeholder as written, its name and the text up to the next one. Messages come from a fixed
 * set of rule templates, so each is cut once (the cap only bounds an unexpected stream).
 */
const cut = memoByText((template: string): readonly string[] => {
  const parts = ['']
  let from = 0
  for (const m of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    parts[parts.length - 1] = template.slice(from, m.index)
    parts.push(m[0], m[1] ?? '', '')
    from = m.index + m[0].length
  }
  parts[parts.length - 1] = template.slice(from)
  return parts
}, 1024)

/**
 * Fills `{{name}}` placeholders; a missing argument stays visible rather than silently empty.
 * `escape` is applied to each filled-in value, never to the template: templates are the rules'
 * own text, so a value is the only place a configuration's secret could enter a message, and
 * escaping it there (as HTML templates escape their data) scans a few short values instead of
 * the whole message.
 */
export const formatMessage = (
  template: string,
  data: Readonly<Record<string, string | number>> = {},
  escape: (value: string) => string = String,
): string => {
  const parts = cut(template)
  // Joined, not built with +=: join returns one flat string, where += leaves a tree of pieces
  // that a later scan of the message would walk through code unit by code unit.
  const out = [parts[0] ?? '']
  for (let i = 1; i + 2 < parts.length; i += 3) {
    const value = data[parts[i + 1] ?? '']
    out.push(value === undefined ? (parts[i] ?? '') : escape(String(value)), parts[i + 2] ?? '')
  }
  return out.join('')
}
