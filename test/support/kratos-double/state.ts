// In-memory identities, sessions and self-service flows, with Kratos' formats (FACTS §5).
import { randomInt, randomUUID, scrypt, timingSafeEqual, randomBytes } from 'node:crypto'
import type { Aal, AuthMethod, IdentityRecord, SessionRecord } from './types.ts'

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** `ory_st_`/`ory_lo_` + 32 chars of [a-zA-Z0-9] from a CSPRNG (FACTS §5.1, oryx/randx). */
export const randomToken = (prefix: 'ory_st_' | 'ory_lo_'): string => {
  let out = prefix
  for (let i = 0; i < 32; i++) out += alphabet.charAt(randomInt(alphabet.length))
  return out
}

export const randomLetters = (n: number): string => {
  let out = ''
  for (let i = 0; i < n; i++) out += alphabet.charAt(randomInt(52))
  return out
}

// scrypt with a low cost: the double hashes passwords so none sit in memory in the clear, but
// tests log in hundreds of times and must stay fast. Not a production parameter choice.
const scryptParams = { N: 1024, r: 8, p: 1 }

const derive = (password: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(password, salt, 32, scryptParams, (err, key) => {
      if (err) reject(err)
      else resolve(key)
    })
  })

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16)
  return `scrypt$${salt.toString('base64')}$${(await derive(password, salt)).toString('base64')}`
}

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [, salt, hash] = stored.split('$')
  if (!salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const actual = await derive(password, Buffer.from(salt, 'base64'))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

export type FlowKind = 'login' | 'registration' | 'settings'

export interface FlowRecord {
  id: string
  kind: FlowKind
  type: 'browser' | 'api'
  issuedAt: Date
  expiresAt: Date
  requestUrl: string
  returnTo: string | undefined
  refresh: boolean
  requestedAal: Aal
  /** Masked CSRF token handed out in the flow (browser flows only). */
  csrfToken: string
  /** Raw CSRF secret the flow was created for (to check `GET …/flows?id=`). */
  csrfSecret: string
  identityId: string | undefined
  state: string
  messages: { id: number; text: string; type: 'info' | 'error' | 'success' }[]
}

export interface NewSession {
  aal?: Aal | undefined
  methods?: AuthMethod[] | undefined
  authenticatedAt?: Date | undefined
  issuedAt?: Date | undefined
  expiresAt?: Date | undefined
  ip?: string | undefined
  userAgent?: string | undefined
  token?: string | undefined
}

export class DoubleState {
  readonly identities = new Map<string, IdentityRecord>()
  readonly sessions = new Map<string, SessionRecord>()
  readonly flows = new Map<string, FlowRecord>()
  /** `revokeIsCached`: token → session id last seen active, consulted before the store. */
  readonly whoamiCache = new Map<string, string>()

  async createIdentity(email: string, password: string, totp = false): Promise<IdentityRecord> {
    const now = new Date()
    const identity: IdentityRecord = {
      id: randomUUID(),
      email,
      passwordHash: await hashPassword(password),
      totp,
      state: 'active',
      createdAt: now,
      updatedAt: now,
    }
    this.identities.set(identity.id, identity)
    return identity
  }

  identityByEmail(email: string): IdentityRecord | undefined {
    const wanted = email.trim().toLowerCase()
    return [...this.identities.values()].find((i) => i.email.toLowerCase() === wanted)
  }

  issueSession(identityId: string, lifespanMs: number, input: NewSession = {}): SessionRecord {
    const now = new Date()
    const aal = input.aal ?? 'aal1'
    const authenticatedAt = input.authenticatedAt ?? now
    const session: SessionRecord = {
      id: randomUUID(),
      token: input.token ?? randomToken('ory_st_'),
      logoutToken: randomToken('ory_lo_'),
      identityId,
      active: true,
      expiresAt: input.expiresAt ?? new Date(now.getTime() + lifespanMs),
      authenticatedAt,
      issuedAt: input.issuedAt ?? now,
      aal,
      methods: input.methods ?? [
        { method: 'password', aal: 'aal1', completed_at: authenticatedAt.toISOString() },
      ],
      devices: [
        {
          id: randomUUID(),
          ip_address: input.ip ?? '127.0.0.1',
          user_agent: input.userAgent ?? '',
          location: '',
        },
      ],
    }
    this.sessions.set(session.id, session)
    return session
  }

  sessionByToken(token: string): SessionRecord | undefined {
    for (const s of this.sessions.values()) if (s.token === token) return s
    return undefined
  }

  /** `Session.IsActive`: active, not expired, identity active (FACTS §5.4). */
  isActive(session: SessionRecord, now = new Date()): boolean {
    const identity = this.identities.get(session.identityId)
    return (
      session.active &&
      session.expiresAt > now &&
      identity !== undefined &&
      identity.state === 'active'
    )
  }

  sessionsOf(identityId: string): SessionRecord[] {
    return [...this.sessions.values()].filter((s) => s.identityId === identityId)
  }

  /** Revocation only deactivates; the row and its token stay (FACTS §5.2). */
  revoke(session: SessionRecord): void {
    session.active = false
  }
}
