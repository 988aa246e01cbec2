/**
 * The one result model shared by the audit and the probe, rendered by every reporter.
 * Findings are data; wording is decided by the rule or check, positions by the locator.
 */
export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof severities)[number]

/** Higher is worse; used for --fail-on and sorting. */
export const severityRank: Readonly<Record<Severity, number>> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
}

export const concerns = [
  // audit (issue 3)
  'session-lifetime',
  'cookie-persistence',
  'inactivity',
  'flow-lifetime',
  'reauthentication',
  'mfa',
  'cookie-samesite',
  'cookie-scope',
  'cookie-prefix',
  'cookie-secure',
  'transport',
  'dev-mode',
  'secrets',
  'secret-rotation',
  'storage',
  'encryption-at-rest',
  'cors',
  'return-urls',
  'logging',
  'validity',
  // probe (issue 6)
  'fixation',
  'logout',
  'revocation',
  'token-leakage',
  'exposure',
  'csrf',
] as const
export type Concern = (typeof concerns)[number]

/** Where a merged value came from. */
export const origins = ['file', 'env', 'flag', 'default', 'compose', 'helm', 'kubernetes'] as const
export type OriginKind = (typeof origins)[number]
/** A finding's origin: where the value came from, or `probe` when observed on a running target. */
export type FindingOrigin = OriginKind | 'probe'

export interface SourceLocation {
  readonly file: string
  /** 1-based */
  readonly line: number
  /** 1-based */
  readonly column: number
  readonly endLine?: number
  readonly endColumn?: number
}

/** Standards a finding maps to; ids exactly as STANDARDS.md writes them. */
export interface References {
  readonly asvs4?: readonly string[]
  readonly asvs5?: readonly string[]
  readonly nist?: readonly string[]
  readonly pci?: readonly string[]
  readonly cwe?: readonly string[]
  readonly wstg?: readonly string[]
  readonly owasp?: readonly string[]
}

/** A fix is data: set or remove one Kratos key. The fix engine decides where that edit lands. */
export interface Fix {
  readonly kind: 'safe' | 'unsafe'
  readonly description: string
  readonly edits: readonly FixEdit[]
}

export type FixEdit =
  | { readonly op: 'set'; readonly key: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly key: string }
  | { readonly op: 'rename'; readonly key: string; readonly to: string }
  | { readonly op: 'generate-secret'; readonly key: string; readonly length: number }

export interface Suppression {
  readonly kind: 'inline' | 'baseline' | 'config'
  readonly reason: string
  readonly until?: string
}

/** One line of evidence from the probe: a request or response line, with secrets already redacted. */
export interface Evidence {
  readonly label: string
  readonly text: string
  /** A PNG screenshot (base64), for browser checks. */
  readonly screenshot?: string
}

export type Outcome = 'pass' | 'fail' | 'error' | 'skipped'

export interface Finding {
  readonly ruleId: string
  readonly severity: Severity
  readonly concern: Concern
  /** The dotted Kratos key the finding is about, also when the key is absent and a default applies. */
  readonly key: string
  readonly message: string
  readonly location: SourceLocation | null
  readonly origin: FindingOrigin
  readonly references: References
  readonly fix: Fix | null
  readonly suppressed: Suppression | null
  /** Probe findings carry their evidence. */
  readonly evidence?: readonly Evidence[]
  /** A short stable hash of rule + key + value, used by baselines and SARIF fingerprints. */
  readonly fingerprint?: string
}

/** Every rule or check that ran, with its outcome, so JUnit and HTML can show passes too. */
export interface UnitResult {
  readonly id: string
  readonly title: string
  readonly severity: Severity
  readonly concern: Concern
  readonly helpUri: string
  /** What the rule or check verifies and why, in a sentence or two (SARIF fullDescription). */
  readonly description?: string
  /** Standards it maps to, also when it passed (SARIF rule tags, HTML). */
  readonly references?: References
  readonly outcome: Outcome
  /** Why it was skipped or errored (for a failed probe check, its finding's message). */
  readonly reason?: string
  /**
   * What a passing probe check observed, when that says more than "pass" (e.g. a new session id
   * after re-authentication): kept so no report reads a bare pass where the check saw something.
   */
  readonly message?: string
  readonly durationMs?: number
}

export interface RunResult {
  readonly tool: { readonly name: string; readonly version: string }
  readonly kind: 'audit' | 'probe'
  readonly profile: string
  readonly kratosVersion: string | null
  /**
   * How the audit decided `kratosVersion`: `version:` in the config, an image tag, the user
   * (--kratos-version), or assumed because nothing names one (reports then say so, QA N18).
   */
  readonly kratosVersionSource?: 'config' | 'image' | 'user' | 'assumed'
  readonly inputs: readonly string[]
  readonly units: readonly UnitResult[]
  readonly findings: readonly Finding[]
  readonly summary: Summary
  /** Lifetimes for the HTML timeline: key → seconds, with the profile's limit when it has one. */
  readonly lifetimes?: readonly Lifetime[]
}

export interface Lifetime {
  readonly key: string
  readonly label: string
  readonly seconds: number | null
  readonly limitSeconds: number | null
  /** The value turns the bound off (`privileged_session_max_age` ≤ 0s, FACTS.md §1.7). */
  readonly unbounded?: boolean
}

export interface Summary {
  readonly total: number
  readonly suppressed: number
  readonly bySeverity: Readonly<Record<Severity, number>>
  /** Findings left out because the baseline records them (set when a baseline was applied). */
  readonly baselined?: number
}

export const summarize = (findings: readonly Finding[]): Summary => {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
  let suppressed = 0
  for (const f of findings) {
    if (f.suppressed !== null) suppressed++
    else bySeverity[f.severity]++
  }
  return { total: findings.length - suppressed, suppressed, bySeverity }
}
