/** Reference sets shared by several rules; ids exactly as STANDARDS.md writes them. */
import type { References } from '../../engine/finding.ts'

export const cookieRefs = (extra: Partial<References> = {}): References => ({
  asvs4: ['3.4.1', '3.4.3', '3.4.4', '3.4.5'],
  asvs5: ['3.3.1', '3.3.2', '3.3.3'],
  nist: ['SP 800-63B-4 §5.1.1'],
  wstg: ['WSTG-SESS-02'],
  ...extra,
})
