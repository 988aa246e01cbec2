/**
 * Which authentication methods give a second factor (AAL2) in Kratos: TOTP, lookup secrets,
 * WebAuthn when not passwordless, and the code method with `mfa_enabled`. Passkeys and
 * passwordless WebAuthn are first factors.
 */
import type { ConfigView } from '../../config/types.ts'

export interface SecondFactor {
  readonly name: string
  /** The settings hook key that runs after this factor changes (FACTS.md §1.7). */
  readonly settingsMethod: string
}

const on = (view: ConfigView, key: string): boolean =>
  view.get(key) === true || view.isExternal(key)

export const secondFactors = (view: ConfigView): SecondFactor[] => {
  const out: SecondFactor[] = []
  if (on(view, 'selfservice.methods.totp.enabled'))
    out.push({ name: 'totp', settingsMethod: 'totp' })
  if (on(view, 'selfservice.methods.lookup_secret.enabled')) {
    out.push({ name: 'lookup_secret', settingsMethod: 'lookup_secret' })
  }
  if (
    on(view, 'selfservice.methods.webauthn.enabled') &&
    view.get('selfservice.methods.webauthn.config.passwordless') !== true
  ) {
    out.push({ name: 'webauthn', settingsMethod: 'webauthn' })
  }
  if (on(view, 'selfservice.methods.code.mfa_enabled'))
    out.push({ name: 'code (mfa_enabled)', settingsMethod: 'code' })
  return out
}

/**
 * Methods that resist phishing: WebAuthn (second factor or passwordless) and passkeys bind the
 * credential to the relying party's origin; TOTP, lookup secrets and one-time codes are typed
 * by the user and can be relayed by a phishing site. Whether the authenticator is also
 * hardware-bound (attestation) is the authenticator's property, not visible in the config.
 */
export const phishingResistantMethods = (view: ConfigView): string[] => {
  const out: string[] = []
  if (on(view, 'selfservice.methods.webauthn.enabled')) out.push('webauthn')
  if (on(view, 'selfservice.methods.passkey.enabled')) out.push('passkey')
  return out
}

/** The hooks listed at `key` (none when unset or not a list). */
export const hooksAt = (view: ConfigView, key: string): unknown[] => {
  const hooks = view.get(key)
  return Array.isArray(hooks) ? hooks : []
}

/** True when a hooks array at `key` holds `{ hook: name }`. */
export const hasHook = (view: ConfigView, key: string, name: string): boolean =>
  view.isExternal(key) ||
  hooksAt(view, key).some(
    (h) => typeof h === 'object' && h !== null && (h as { hook?: unknown }).hook === name,
  )

/**
 * Where a `revoke_active_sessions` hook belongs (FACTS.md §1.7): after a password change (when
 * the password method is on), after recovery (when enabled) and after a change of each second
 * factor that has a settings hook (the code method has none).
 */
export const credentialChangeHooks = (view: ConfigView): { key: string; event: string }[] => {
  const out: { key: string; event: string }[] = []
  if (view.get('selfservice.methods.password.enabled') !== false) {
    out.push({ key: 'selfservice.flows.settings.after.password.hooks', event: 'a password change' })
  }
  if (view.get('selfservice.flows.recovery.enabled') === true) {
    out.push({ key: 'selfservice.flows.recovery.after.hooks', event: 'an account recovery' })
  }
  for (const f of secondFactors(view)) {
    if (f.settingsMethod === 'code') continue
    out.push({
      key: `selfservice.flows.settings.after.${f.settingsMethod}.hooks`,
      event: `a ${f.name} change`,
    })
  }
  return out
}
