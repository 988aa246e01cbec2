/** Profiles as text, for `aegis profiles`: every limit with its citation. */
import type { Citation, Limit, Profile } from './types.ts'

const span = (seconds: number): string =>
  seconds % 86_400 === 0 && seconds >= 3 * 86_400
    ? `${seconds / 86_400}d`
    : seconds % 3600 === 0
      ? `${seconds / 3600}h`
      : `${seconds / 60}m`

const limitNames: Readonly<Record<string, string>> = {
  sessionLifespan: 'session lifespan',
  idleTimeout: 'inactivity timeout',
  privilegedSessionMaxAge: 're-authentication window',
  flowLifespan: 'flow / link lifespan',
}

const requirementNames: Readonly<Record<string, string>> = {
  nonPersistentCookie: 'non-persistent session cookie',
  cookiePrefix: 'cookie prefix',
  mfa: 'multi-factor authentication',
  injectedSecrets: 'secrets injected, not in files',
  revokeSessionsOnCredentialChange: 'revoke other sessions on credential change',
  rotateOnReauthentication: 'new session on reauth',
}

const limitLine = (name: string, l: Limit): string =>
  `    ${(limitNames[name] ?? name).padEnd(28)} ${l.seconds === null ? 'required (no number)' : `≤ ${span(l.seconds)}`}  ${l.level}, ${l.cite}`

type Requirement = Citation & { prefix?: string; phishingResistant?: true }

const requirementLine = (name: string, c: Requirement): string =>
  `    ${(requirementNames[name] ?? name).padEnd(28)} ${c.prefix ?? (c.phishingResistant === true ? 'phishing-resistant' : 'required')}  ${c.level}, ${c.cite}`

export const describeProfile = (p: Profile): string => {
  const lines = [`${p.id}  ${p.title}`]
  for (const [name, l] of Object.entries(p.limits)) lines.push(limitLine(name, l as Limit))
  for (const [name, c] of Object.entries(p.requires))
    lines.push(requirementLine(name, c as Requirement))
  const overrides = Object.entries(p.severity).map(([rule, s]) => `${rule}=${String(s)}`)
  if (overrides.length > 0) lines.push(`    severity overrides: ${overrides.join(', ')}`)
  return lines.join('\n')
}

export const profileTable = (list: readonly Profile[]): string =>
  `${list.map(describeProfile).join('\n\n')}\n\nDefault: baseline. Use: aegis audit <inputs> --profile <id>\n`
