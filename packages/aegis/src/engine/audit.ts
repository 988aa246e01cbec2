/** The audit as a library call: a loaded deployment and a profile in, the shared RunResult out. */
import type { ConfigView } from '../config/types.ts'
import type { Profile } from '../profiles/types.ts'
import type { Rule } from './define-rule.ts'
import { summarize, type RunResult } from './finding.ts'
import { lifetimes } from './lifetimes.ts'
import { evaluate } from './run-rules.ts'
import { toolName, toolVersion } from '../version.ts'

export const audit = (
  view: ConfigView,
  profile: Profile,
  inputs: readonly string[],
  rules?: readonly Rule[],
): RunResult => {
  const { findings, units } = evaluate(view, profile, rules)
  return {
    tool: { name: toolName, version: toolVersion },
    kind: 'audit',
    profile: profile.id,
    kratosVersion: view.version,
    kratosVersionSource: view.versionSource,
    inputs,
    units,
    findings,
    summary: summarize(findings),
    lifetimes: lifetimes(view, profile),
  }
}
