/**
 * What every reporter receives. Reporters are pure `(result, options) => string` functions
 * (STYLE.md: ESLint formatters); they never read files, the clock or the environment.
 */
import type { RunResult } from '../engine/finding.ts'

export const reportFormats = ['text', 'json', 'sarif', 'junit', 'markdown', 'html'] as const
export type ReportFormat = (typeof reportFormats)[number]

export interface RenderOptions {
  /** ANSI colour for the text reporter; the CLI decides it from the TTY, NO_COLOR and FORCE_COLOR. */
  readonly color?: boolean
  /** Source text of every file read, keyed by the path findings use, for code frames and SARIF fixes. */
  readonly sources?: ReadonlyMap<string, { readonly text: string }>
}

export type Reporter = (result: RunResult, options: RenderOptions) => string

export const isReportFormat = (value: string): value is ReportFormat =>
  (reportFormats as readonly string[]).includes(value)
