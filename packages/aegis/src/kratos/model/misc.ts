/** `log`, `feature_flags`, `security`, `database`, `oauth2_provider`, `tracing` (FACTS.md §1.8). */
import type { ModelNode } from '../dsl.ts'
import { headerValue } from '../dsl.ts'
import { bool, closed, dur, int, map, oneOf, open, since, str, uri } from '../dsl.ts'

const log = closed({
  level: oneOf(['trace', 'debug', 'info', 'warning', 'error', 'fatal', 'panic'], 'info'),
  // `true` writes session tokens and cookies into the logs (FACTS.md §1.8, §11.14).
  leak_sensitive_values: bool(),
  redaction_text: str(),
  format: oneOf(['json', 'text']),
})

const flag = () => bool({ default: false })
const featureFlags = closed({
  cacheable_sessions: flag(),
  cacheable_sessions_max_age: dur(),
  use_continue_with_transitions: flag(),
  choose_recovery_address: since('v25.4', flag()),
  legacy_continue_with_verification_ui: since('v25.4', flag()),
  legacy_require_verified_login_error: since('v25.4', flag()),
  // Admin extend answers 204 instead of 200 + session (FACTS.md §1.8).
  faster_session_extend: flag(),
  password_profile_registration_node_group: since(
    'v25.4',
    oneOf(['password', 'default'], 'default'),
  ),
  legacy_oidc_registration_node_group: since('v25.4', flag()),
  legacy_allow_insecure_origins: since('head', flag()),
  refresh_login_choose_address: since('head', flag()),
})

// `security` is open: typos under it are ignored silently (FACTS.md §2.4).
const security = open({
  account_enumeration: open({ mitigate: bool({ default: false }) }),
  disallow_ref_in_identity_schemas: since('head', bool({ default: false })),
})

/** `database.cleanup` durations use a single-unit pattern, unlike DUR elsewhere. */
const singleDuration = (def: string) =>
  str({ default: def, pattern: '^[0-9]+(ns|us|ms|s|m|h)$', duration: true })
const database = closed({
  cleanup: open({
    batch_size: int({ default: 100, minimum: 1 }),
    sleep: open({ tables: singleDuration('1m') }),
    older_than: singleDuration('0s'),
  }),
})

const oauth2Provider = closed({
  url: uri(),
  headers: map(headerValue),
  override_return_to: bool({ default: false }),
})

/**
 * `tracing` is a reference into ory/x (`ory://tracing-config`) that the saved schemas do not
 * contain: the model knows it exists and does not check below it.
 */
const tracing: ModelNode = { type: 'object', closed: false }

const versionPattern =
  '^(v(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?)|$'

const headerAllowlist = [
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Content-Length',
  'Content-Type',
  'Origin',
  'Priority',
  'Referer',
  'Sec-Ch-Ua',
  'Sec-Ch-Ua-Mobile',
  'Sec-Ch-Ua-Platform',
  'Sec-Fetch-Dest',
  'Sec-Fetch-Mode',
  'Sec-Fetch-Site',
  'Sec-Fetch-User',
  'True-Client-Ip',
  'User-Agent',
]

export const misc = {
  log,
  featureFlags,
  security,
  database,
  oauth2Provider,
  tracing,
  versionPattern,
  headerAllowlist,
}
