/**
 * Self-service hooks. Each `hooks` array item is a union picked by its `hook` name; where a name
 * is allowed differs by position (FACTS.md §1.7: `session` only after registration,
 * `revoke_active_sessions` after login, recovery and settings credential changes).
 */
import type { ModelNode } from '../dsl.ts'
import { headerValue } from '../dsl.ts'
import {
  arr,
  bool,
  closed,
  map,
  oneOf,
  open,
  secretStr,
  since,
  str,
  uri,
  variants,
} from '../dsl.ts'
import type { KratosVersion } from '../types.ts'
import { kratosVersions } from '../types.ts'

/** Authentication for outgoing HTTP calls (web hooks, courier HTTP, password migration). */
export const httpAuth = variants('type', {
  api_key: closed(
    {
      type: str({ enum: ['api_key'] }),
      config: closed(
        { name: str(), value: secretStr(), in: oneOf(['header', 'cookie']) },
        { required: ['name', 'value', 'in'] },
      ),
    },
    { required: ['type', 'config'] },
  ),
  basic_auth: closed(
    {
      type: str({ enum: ['basic_auth'] }),
      config: closed({ user: str(), password: secretStr() }, { required: ['user', 'password'] }),
    },
    { required: ['type', 'config'] },
  ),
})

const webHookConfig = closed(
  {
    id: since('v25.4', str()),
    response: closed({ ignore: bool({ default: false }), parse: bool({ default: false }) }),
    url: uri(),
    method: str(),
    headers: map(headerValue),
    body: str(),
    can_interrupt: bool({ default: false }),
    emit_analytics_event: bool({ default: true }),
    auth: httpAuth,
  },
  { required: ['url', 'method'] },
)

const named = (name: string, extra: Record<string, ModelNode> = {}, required = ['hook']) =>
  closed({ hook: str({ enum: [name] }), ...extra }, { required })

const b2bNames: Record<KratosVersion, string[]> = {
  'v1.3': ['b2b_sso'],
  'v25.4': ['b2b_sso', 'organization'],
  'v26.2': ['b2b_sso', 'organization'],
  head: ['b2b_sso', 'organization'],
}
/** Ory Network's B2B hook: closed with an open config up to v26.2, fully open at HEAD. */
const b2b = (name: string): ModelNode => ({
  ...closed(
    { hook: str({ enum: b2bNames.head }), config: open({}) },
    { required: ['hook', 'config'] },
  ),
  versions:
    name === 'organization' ? ['v25.4', 'v26.2', 'head'] : ['v1.3', 'v25.4', 'v26.2', 'head'],
  byVersion: {
    'v1.3': { props: { hook: str({ enum: b2bNames['v1.3'] }), config: open({}) } },
    head: { closed: false, props: { hook: str({ enum: b2bNames.head }) }, required: ['hook'] },
  },
})

const kinds = {
  web_hook: named('web_hook', { config: webHookConfig }, ['hook', 'config']),
  revoke_active_sessions: named('revoke_active_sessions'),
  session: named('session'),
  require_verified_address: named('require_verified_address'),
  verification: named('verification'),
  show_verification_ui: named('show_verification_ui'),
  verify_new_address: since('head', named('verify_new_address')),
  notify_previous_addresses: since(
    'head',
    named('notify_previous_addresses', {
      config: closed({ recipients: oneOf(['removed', 'all_verified', 'all'], 'removed') }),
    }),
  ),
  b2b_sso: b2b('b2b_sso'),
  organization: b2b('organization'),
} satisfies Record<string, ModelNode>

export type HookKind = keyof typeof kinds

/**
 * A `hooks` array accepting the given hook names; `newer` lists names this position accepts
 * only from v25.4 on (v1.x offered fewer hooks at some positions).
 */
export const hooks = (names: readonly HookKind[], newer: readonly HookKind[] = []): ModelNode => {
  const cases: Record<string, ModelNode> = {}
  for (const name of names) {
    const kind = kinds[name]
    cases[name] = newer.includes(name)
      ? { ...kind, versions: (kind.versions ?? kratosVersions).filter((v) => v !== 'v1.3') }
      : kind
  }
  return arr(variants('hook', cases), { uniqueItems: true })
}
