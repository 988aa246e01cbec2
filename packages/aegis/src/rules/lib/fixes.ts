/** The one-edit fixes most rules offer. */
import type { Fix } from '../../engine/finding.ts'

export const setFix = (
  key: string,
  value: unknown,
  kind: Fix['kind'] = 'safe',
  description = `set ${key} to ${typeof value === 'string' ? value : JSON.stringify(value)}`,
): Fix => ({ kind, description, edits: [{ op: 'set', key, value }] })
