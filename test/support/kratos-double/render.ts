// JSON shapes of Kratos' Session and Identity (FACTS §6.2; openapi.json components). Tokens are
// never part of the session JSON (`json:"-"`, FACTS §5.2).
import type { IdentityRecord, SessionRecord } from './types.ts'

export const identityJson = (
  identity: IdentityRecord,
  publicUrl: string,
): Record<string, unknown> => ({
  id: identity.id,
  schema_id: 'default',
  schema_url: `${publicUrl}/schemas/ZGVmYXVsdA`,
  state: identity.state,
  state_changed_at: identity.updatedAt.toISOString(),
  traits: { email: identity.email },
  verifiable_addresses: [
    {
      id: identity.id,
      value: identity.email,
      verified: false,
      via: 'email',
      status: 'pending',
      created_at: identity.createdAt.toISOString(),
      updated_at: identity.updatedAt.toISOString(),
    },
  ],
  recovery_addresses: [
    {
      id: identity.id,
      value: identity.email,
      via: 'email',
      created_at: identity.createdAt.toISOString(),
      updated_at: identity.updatedAt.toISOString(),
    },
  ],
  metadata_public: null,
  metadata_admin: null,
  created_at: identity.createdAt.toISOString(),
  updated_at: identity.updatedAt.toISOString(),
  organization_id: null,
})

export const sessionJson = (
  session: SessionRecord,
  identity: IdentityRecord | undefined,
  publicUrl: string,
  options: { identity?: boolean; active?: boolean } = {},
): Record<string, unknown> => ({
  id: session.id,
  active: options.active ?? session.active,
  expires_at: session.expiresAt.toISOString(),
  authenticated_at: session.authenticatedAt.toISOString(),
  authenticator_assurance_level: session.aal,
  authentication_methods: session.methods,
  issued_at: session.issuedAt.toISOString(),
  ...(identity && options.identity !== false
    ? { identity: identityJson(identity, publicUrl) }
    : {}),
  devices: session.devices,
})
