/**
 * The root of the Kratos configuration model: every top-level key (FACTS.md §1). The root is
 * closed, so `self_service` or any other unknown top-level key stops Kratos at start.
 */
import type { ModelNode } from '../dsl.ts'
import { arr, bool, closed, int, oneOf, open, since, str, uri, uriRef } from '../dsl.ts'
import { courier } from './courier.ts'
import { misc } from './misc.ts'
import { selfservice } from './selfservice.ts'
import { cookies, session } from './session.ts'
import { ciphers, hashers, secrets } from './secrets.ts'
import { serve } from './serve.ts'

const identity = closed(
  {
    default_schema_id: str({ default: 'default' }),
    schemas: arr(
      open(
        {
          id: str(),
          url: uri(),
          selfservice_selectable: since('v25.4', bool({ default: false })),
        },
        { required: ['id', 'url'] },
      ),
      { minItems: 1 },
    ),
  },
  { required: ['schemas'] },
)

const clients = open({
  http: open({
    disallow_private_ip_ranges: bool({ default: false }),
    private_ip_exception_urls: arr(uriRef(), { default: [] }),
  }),
  smtp: since('head', open({ disallow_private_ip_ranges: bool({ default: false }) })),
  web_hook: since(
    'v25.4',
    open({ header_allowlist: arr(str(), { default: misc.headerAllowlist }) }),
  ),
})

export const root: ModelNode = closed(
  {
    selfservice,
    database: misc.database,
    // DSN carries the database password (FACTS.md §1.5).
    dsn: str({ secret: true }),
    courier,
    oauth2_provider: misc.oauth2Provider,
    preview: open({ default_read_consistency_level: oneOf(['strong', 'eventual'], 'strong') }),
    serve,
    tracing: misc.tracing,
    log: misc.log,
    identity,
    secrets,
    hashers,
    ciphers,
    cookies,
    session,
    security: misc.security,
    version: str({ pattern: misc.versionPattern }),
    // A boolean in the schema with no default; `--dev` and `DEV=true` set it too (FACTS.md §1.8).
    dev: bool(),
    help: bool(),
    'sqa-opt-out': bool({ default: false }),
    'watch-courier': bool({ default: false }),
    'expose-metrics-port': int({ default: 0, minimum: 0, maximum: 65535 }),
    config: arr(str()),
    clients,
    feature_flags: misc.featureFlags,
    organizations: { type: 'array', default: [] },
    enterprise: closed({ identity_schema_fallback_url_template: str() }),
    revision: since('v25.4', str()),
  },
  { required: ['identity', 'dsn', 'selfservice'] },
)
