/** Every audit rule, sorted by id. `npm run new:rule <id>` adds new ones here. */
import type { Rule } from '../engine/define-rule.ts'
import apiFlowEnforcementDisabled from './api-flow-enforcement-disabled.ts'
import baseUrlPlainHttp from './base-url-plain-http.ts'
import cipherAlgorithmNoop from './cipher-algorithm-noop.ts'
import configInvalid from './config-invalid.ts'
import cookieDomainSet from './cookie-domain-set.ts'
import cookiePathNarrowed from './cookie-path-narrowed.ts'
import cookieSameSiteDefault from './cookie-same-site-default.ts'
import cookieSameSiteNone from './cookie-same-site-none.ts'
import cookieSecureDisabled from './cookie-secure-disabled.ts'
import corsCredentialsAnyOrigin from './cors-credentials-any-origin.ts'
import corsOriginUnsafe from './cors-origin-unsafe.ts'
import devModeEnabled from './dev-mode-enabled.ts'
import dsnCredentialsInline from './dsn-credentials-inline.ts'
import dsnMemoryOrSqlite from './dsn-memory-or-sqlite.ts'
import dsnTlsDisabled from './dsn-tls-disabled.ts'
import flowLifespanTooLong from './flow-lifespan-too-long.ts'
import flowOutlivesSession from './flow-outlives-session.ts'
import logLeakSensitiveValues from './log-leak-sensitive-values.ts'
import mfaNotEnabled from './mfa-not-enabled.ts'
import privilegedSessionMaxAgeTooLong from './privileged-session-max-age-too-long.ts'
import requiredAalBelowSecondFactor from './required-aal-below-second-factor.ts'
import returnUrlUnsafe from './return-url-unsafe.ts'
import revokeSessionsHookMissing from './revoke-sessions-hook-missing.ts'
import secretCipherLengthInvalid from './secret-cipher-length-invalid.ts'
import secretInPlainFile from './secret-in-plain-file.ts'
import secretPlaceholder from './secret-placeholder.ts'
import secretReused from './secret-reused.ts'
import secretRotationOldKeys from './secret-rotation-old-keys.ts'
import secretTooWeak from './secret-too-weak.ts'
import secretsMissing from './secrets-missing.ts'
import sessionCookiePersistent from './session-cookie-persistent.ts'
import sessionCookiePrefixMissing from './session-cookie-prefix-missing.ts'
import sessionExtendUncapped from './session-extend-uncapped.ts'
import sessionIdleTimeoutMissing from './session-idle-timeout-missing.ts'
import sessionLifespanTooLong from './session-lifespan-too-long.ts'
import tlsTerminationUnknown from './tls-termination-unknown.ts'
import tokenizerTtlExceedsSession from './tokenizer-ttl-exceeds-session.ts'

export const rules: readonly Rule[] = [
  apiFlowEnforcementDisabled,
  baseUrlPlainHttp,
  cipherAlgorithmNoop,
  configInvalid,
  cookieDomainSet,
  cookiePathNarrowed,
  cookieSameSiteDefault,
  cookieSameSiteNone,
  cookieSecureDisabled,
  corsCredentialsAnyOrigin,
  corsOriginUnsafe,
  devModeEnabled,
  dsnCredentialsInline,
  dsnMemoryOrSqlite,
  dsnTlsDisabled,
  flowLifespanTooLong,
  flowOutlivesSession,
  logLeakSensitiveValues,
  mfaNotEnabled,
  privilegedSessionMaxAgeTooLong,
  requiredAalBelowSecondFactor,
  returnUrlUnsafe,
  revokeSessionsHookMissing,
  secretCipherLengthInvalid,
  secretInPlainFile,
  secretPlaceholder,
  secretReused,
  secretRotationOldKeys,
  secretTooWeak,
  secretsMissing,
  sessionCookiePersistent,
  sessionCookiePrefixMissing,
  sessionExtendUncapped,
  sessionIdleTimeoutMissing,
  sessionLifespanTooLong,
  tlsTerminationUnknown,
  tokenizerTtlExceedsSession,
]
