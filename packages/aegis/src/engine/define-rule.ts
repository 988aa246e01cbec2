/**
 * The rule shape (ESLint-like): `meta` is pure data, `check` a pure function of the merged view
 * and the profile. Rules never read files, print or apply fixes; positions, fingerprints and
 * final severities are decided late, by the runner.
 */
import type { ConfigView } from '../config/types.ts'
import type { Profile } from '../profiles/types.ts'
import type { Concern, Fix, OriginKind, References, Severity, SourceLocation } from './finding.ts'

export interface RuleMeta<MessageId extends string = string> {
  /** One line, subject first: "session cookie SameSite is None". */
  readonly title: string
  /** Default severity; a profile may override it, a report may refine it. */
  readonly severity: Severity
  readonly concern: Concern
  readonly references: References
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

/** Fills `{{name}}` placeholders; a missing argument stays visible rather than silently empty. */
export const formatMessage = (
  template: string,
  data: Readonly<Record<string, string | number>> = {},
): string =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = data[name]
    return value === undefined ? whole : String(value)
  })
