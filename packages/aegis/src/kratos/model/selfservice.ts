/** `selfservice` flows (FACTS.md §1.7). Methods live in methods.ts. */
import type { ModelNode } from '../dsl.ts'
import { arr, bool, closed, dur, oneOf, per, since, uriRef } from '../dsl.ts'
import type { HookKind } from './hooks.ts'
import { hooks } from './hooks.ts'
import { methods } from './methods.ts'

const aal = ['aal1', 'highest_available']

/** Fallback UI URLs moved from ory.sh to ory.com after v26.2.0. */
const uiUrl = (flow: string): ModelNode =>
  per(uriRef({ default: `https://www.ory.com/kratos/docs/fallback/${flow}` }), {
    'v1.3': { default: `https://www.ory.sh/kratos/docs/fallback/${flow}` },
    'v25.4': { default: `https://www.ory.sh/kratos/docs/fallback/${flow}` },
    'v26.2': { default: `https://www.ory.sh/kratos/docs/fallback/${flow}` },
  })

const returnTo = uriRef()
const before = (names: readonly HookKind[]) => closed({ hooks: hooks(names) })
const afterMethod = (names: readonly HookKind[], newer: readonly HookKind[] = []) =>
  closed({ default_browser_return_url: returnTo, hooks: hooks(names, newer) })
// v1.x had no B2B hooks after a login method other than OIDC.
const b2bLater: HookKind[] = ['b2b_sso', 'organization']

const plain: HookKind[] = ['web_hook', 'b2b_sso', 'organization']
const loginAfter: HookKind[] = [
  'revoke_active_sessions',
  'require_verified_address',
  'web_hook',
  'verification',
  'show_verification_ui',
  'b2b_sso',
  'organization',
]
// The OIDC login position offers no verification hooks (schema `selfServiceAfterOIDCLoginMethod`).
const loginAfterOidc: HookKind[] = [
  'revoke_active_sessions',
  'web_hook',
  'require_verified_address',
  'b2b_sso',
  'organization',
]
const registrationAfter: HookKind[] = [
  'session',
  'web_hook',
  'show_verification_ui',
  'b2b_sso',
  'organization',
]
const credentialChange: HookKind[] = ['web_hook', 'revoke_active_sessions']

const login = closed({
  ui_url: uiUrl('login'),
  lifespan: dur('1h'),
  style: oneOf(['unified', 'identifier_first'], 'unified'),
  before: before(plain),
  after: closed({
    default_browser_return_url: returnTo,
    hooks: hooks(loginAfter),
    password: afterMethod(loginAfter, b2bLater),
    webauthn: afterMethod(loginAfter, b2bLater),
    passkey: afterMethod(loginAfter, b2bLater),
    oidc: afterMethod(loginAfterOidc),
    code: afterMethod(loginAfter, b2bLater),
    totp: afterMethod(loginAfter, b2bLater),
    lookup_secret: afterMethod(loginAfter, b2bLater),
  }),
})

const registration = closed({
  enabled: bool({ default: true }),
  login_hints: bool({ default: false }),
  ui_url: uiUrl('registration'),
  lifespan: dur('1h'),
  before: before(plain),
  after: closed({
    default_browser_return_url: returnTo,
    hooks: hooks(plain),
    password: afterMethod(registrationAfter),
    webauthn: afterMethod(registrationAfter),
    passkey: afterMethod(registrationAfter),
    oidc: afterMethod(registrationAfter),
    code: afterMethod(registrationAfter),
  }),
  enable_legacy_one_step: bool({ default: false }),
  style: since('v25.4', oneOf(['unified', 'profile_first'], 'profile_first')),
})

const settings = closed({
  ui_url: uiUrl('settings'),
  lifespan: dur('1h'),
  // `0s` turns the re-authentication requirement off (FACTS.md §1.7, §11.8).
  privileged_session_max_age: dur('1h'),
  required_aal: oneOf(aal, 'highest_available'),
  after: closed({
    default_browser_return_url: returnTo,
    hooks: hooks(plain),
    password: afterMethod(credentialChange),
    totp: afterMethod(credentialChange),
    oidc: afterMethod(credentialChange),
    webauthn: afterMethod(credentialChange),
    passkey: afterMethod(credentialChange),
    lookup_secret: afterMethod(credentialChange),
    // v1.x accepted only web hooks after a profile change.
    profile: afterMethod(
      [
        'web_hook',
        'show_verification_ui',
        'b2b_sso',
        'organization',
        'verify_new_address',
        'notify_previous_addresses',
      ],
      ['show_verification_ui', 'b2b_sso', 'organization'],
    ),
  }),
  before: before(plain),
})

/** Recovery and verification share a shape; enabling either requires `courier`. */
const addressFlow = (name: string, after: readonly HookKind[]) =>
  closed({
    enabled: bool({ default: false }),
    ui_url: uiUrl(name),
    after: closed({ default_browser_return_url: returnTo, hooks: hooks(after) }),
    lifespan: dur('1h'),
    before: before(plain),
    use: oneOf(['link', 'code'], 'code'),
    notify_unknown_recipients: bool({ default: false }),
  })

export const selfservice = closed(
  {
    default_browser_return_url: returnTo,
    allowed_return_urls: arr(uriRef()),
    flows: closed({
      settings,
      logout: closed({
        clear_browser_data: since('head', bool({ default: false })),
        after: closed({ default_browser_return_url: returnTo }),
      }),
      registration,
      login,
      verification: addressFlow('verification', plain),
      recovery: addressFlow('recovery', credentialChange),
      error: closed({ ui_url: uiUrl('error') }),
    }),
    methods,
  },
  { required: ['default_browser_return_url'] },
)
