/**
 * Which fixes change what users experience, whatever kind the rule gave them (issue 5: SameSite
 * Strict breaks cross-site links into the app; shorter lifetimes, non-persistent cookies and a
 * re-authentication window where there was none log people out or ask them to sign in again).
 * One definition for the audit's label, the JSON/SARIF `kind` and `aegis fix`, so a fix the
 * report calls safe is never refused without --unsafe (QA L3).
 */
import type { ConfigView } from '../config/types.ts'
import { parseDuration } from '../kratos/index.ts'
import type { Fix, FixEdit } from './finding.ts'

/** `0s` or less turns the re-authentication check off: no bound at all (FACTS.md §1.7, §11.8). */
const offAtZero = /(^|\.)privileged_session_max_age$/
const bounded = /(^|\.)(lifespan|privileged_session_max_age|earliest_possible_extend)$/

const boundSeconds = (key: string, text: string): number | null => {
  const seconds = parseDuration(text)
  if (seconds === null) return null
  return offAtZero.test(key) && seconds <= 0 ? Number.POSITIVE_INFINITY : seconds
}

export const changesBehaviour = (edit: FixEdit, view: ConfigView): boolean => {
  if (edit.op !== 'set') return false
  if (edit.key.endsWith('.persistent') && edit.value === false) return true
  if (edit.key.endsWith('same_site') && edit.value === 'Strict') return true
  if (bounded.test(edit.key) && typeof edit.value === 'string') {
    const now = view.get(edit.key)
    const before = typeof now === 'string' ? boundSeconds(edit.key, now) : null
    const after = boundSeconds(edit.key, edit.value)
    return before === null || after === null || after < before
  }
  return false
}

/** The fix with the kind `aegis fix` will treat it as. */
export const effectiveFix = (fix: Fix, view: ConfigView): Fix =>
  fix.kind === 'unsafe' || !fix.edits.some((e) => changesBehaviour(e, view))
    ? fix
    : { ...fix, kind: 'unsafe' }
