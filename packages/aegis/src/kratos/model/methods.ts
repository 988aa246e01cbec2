/** `selfservice.methods` (FACTS.md §1.7). `code` is the one method that accepts unknown keys. */
import type { ModelNode } from '../dsl.ts'
import { headerValue } from '../dsl.ts'
import {
  any,
  arr,
  bool,
  closed,
  dur,
  int,
  map,
  oneOf,
  open,
  per,
  secretStr,
  since,
  str,
  uri,
} from '../dsl.ts'
import { httpAuth } from './hooks.ts'

const enabled = (def: boolean) => bool({ default: def })

const providerNames = [
  'github',
  'github-app',
  'gitlab',
  'generic',
  'google',
  'microsoft',
  'discord',
  'salesforce',
  'slack',
  'facebook',
  'auth0',
  'vk',
  'yandex',
  'apple',
  'spotify',
  'netid',
  'dingtalk',
  'patreon',
  'line',
  'linkedin',
  'linkedin_v2',
  'lark',
  'x',
  'fedcm-test',
  'amazon',
  'uaepass',
]
const newerProviders = new Set(['line', 'fedcm-test', 'amazon', 'uaepass'])

const oidcProvider = closed(
  {
    id: str(),
    provider: per(str({ enum: providerNames }), {
      'v1.3': { enum: providerNames.filter((p) => !newerProviders.has(p)) },
    }),
    label: str(),
    client_id: str(),
    client_secret: secretStr(),
    issuer_url: uri(),
    auth_url: uri(),
    token_url: uri(),
    mapper_url: uri(),
    scope: arr(str()),
    microsoft_tenant: str(),
    subject_source: per(oneOf(['userinfo', 'me', 'oid'], 'userinfo'), {
      'v1.3': { enum: ['userinfo', 'me'] },
    }),
    apple_team_id: str(),
    apple_private_key_id: str(),
    apple_private_key: secretStr(),
    // `requested_claims.<userinfo|id_token>.<claim>`: null or {essential, value, values}.
    requested_claims: map(map(any())),
    organization_id: str(),
    additional_id_token_audiences: arr(str()),
    claims_source: oneOf(['id_token', 'userinfo'], 'id_token'),
    pkce: oneOf(['auto', 'never', 'force'], 'auto'),
    fedcm_config_url: since('v25.4', uri()),
    net_id_token_origin_header: since('v25.4', str()),
    account_linking_mode: since(
      'v25.4',
      oneOf(['confirm_with_existing_credential', 'automatic'], 'confirm_with_existing_credential'),
    ),
    aal2_acr_values: since('head', arr(str())),
    aal2_amr_values: since('head', arr(str())),
    update_identity_on_login: since('head', oneOf(['never', 'automatic'], 'never')),
  },
  { required: ['id', 'provider', 'client_id', 'mapper_url'] },
)

const passkeyTimeout = str({ pattern: '^([1-9][0-9]*(ns|us|ms|s|m|h))+$', duration: true })
const userVerification = ['required', 'preferred', 'discouraged']

const password = closed({
  enabled: enabled(true),
  config: closed({
    haveibeenpwned_host: str({ default: 'api.pwnedpasswords.com' }),
    haveibeenpwned_enabled: bool({ default: true }),
    max_breaches: int({ default: 0, minimum: 0, maximum: 100 }),
    ignore_network_errors: bool({ default: true }),
    min_password_length: int({ default: 8, minimum: 6 }),
    identifier_similarity_check_enabled: bool({ default: true }),
    migrate_hook: closed({
      enabled: bool({ default: false }),
      config: closed({
        url: uri(),
        method: str({ default: 'POST', enum: ['POST'] }),
        headers: map(headerValue),
        emit_analytics_event: bool({ default: true }),
        auth: httpAuth,
        body: since('v25.4', str({ pattern: '^(http|https|file|base64)://', format: 'uri' })),
      }),
    }),
  }),
})

const webauthn: ModelNode = closed({
  enabled: enabled(false),
  config: closed({
    passwordless: bool(),
    rp: open({
      display_name: str(),
      id: str(),
      origin: uri(),
      origins: arr(uri()),
      icon: uri(),
    }),
  }),
})

const passkey = closed({
  enabled: enabled(false),
  config: closed({
    rp: open(
      { display_name: str(), id: str(), origins: arr(str()) },
      { required: ['display_name', 'id'] },
    ),
    authenticator_selection: since(
      'head',
      closed({
        attachment: oneOf(['platform', 'cross-platform']),
        resident_key: oneOf(userVerification, 'required'),
        user_verification: oneOf(userVerification, 'preferred'),
      }),
    ),
    attestation: since(
      'head',
      closed({ preference: oneOf(['none', 'indirect', 'direct', 'enterprise'], 'none') }),
    ),
    timeouts: since('head', closed({ registration: passkeyTimeout, login: passkeyTimeout })),
  }),
})

export const methods = closed({
  b2b: closed({
    config: closed({
      organizations: arr(
        open({
          id: str({ format: 'uuid' }),
          label: str(),
          domains: arr(str({ format: 'hostname' })),
          session_lifespan: since('head', dur()),
        }),
      ),
    }),
  }),
  profile: closed({ enabled: enabled(true) }),
  link: closed({
    enabled: enabled(false),
    config: open({ base_url: str(), lifespan: dur('1h') }),
  }),
  // Explicitly `additionalProperties: true` in the schema (FACTS.md §2.4).
  code: open({
    passwordless_enabled: bool({ default: false }),
    mfa_enabled: bool({ default: false }),
    enabled: enabled(true),
    config: open({
      lifespan: dur('1h'),
      max_submissions: since('v25.4', int({ default: 5, minimum: 1, maximum: 255 })),
      missing_credential_fallback_enabled: bool({ default: false }),
    }),
  }),
  password,
  totp: closed({ enabled: enabled(false), config: closed({ issuer: str() }) }),
  lookup_secret: closed({ enabled: enabled(false) }),
  webauthn,
  passkey,
  oidc: closed({
    enabled: enabled(false),
    config: closed({ base_redirect_uri: uri(), providers: arr(oidcProvider) }),
  }),
})
