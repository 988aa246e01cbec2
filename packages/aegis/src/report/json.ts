/**
 * Machine output: the RunResult itself (engine/finding.ts is the contract), with a format
 * version so consumers can detect changes. Suppressed findings stay, marked `suppressed`.
 */
import type { RunResult } from '../engine/finding.ts'

export const jsonFormatVersion = 1

export const renderJson = (result: RunResult): string =>
  `${JSON.stringify({ formatVersion: jsonFormatVersion, ...result }, null, 2)}\n`
