/**
 * The one placeholder style (docs/security.md "Placeholders"): a hidden value becomes `[redacted]`,
 * or `[redacted: <detail>]` when the reader needs to tell values apart (a fingerprint, a length),
 * and a token keeps only its kind prefix (`ory_st_[redacted]`). Brackets cannot occur in any token,
 * base64 or URL-safe secret form, so a placeholder is never mistaken for a value and redacting
 * twice changes nothing.
 */
export const REDACTED = '[redacted]'

export const redactedWith = (detail: string): string => `[redacted: ${detail}]`
