// Set-Cookie serialisation in the attribute order of Go's net/http Cookie.String, and Cookie header
// parsing that keeps duplicates (a probe sends tossed cookies on purpose).
import type { SameSite } from './types.ts'

export interface SetCookie {
  name: string
  value: string
  path?: string | undefined
  domain?: string | undefined
  maxAge?: number | undefined
  expires?: Date | undefined
  httpOnly?: boolean
  secure?: boolean
  sameSite?: SameSite | undefined
}

// What Go writes for MaxAge < 0: `Max-Age=0` plus an Expires in 1970 (FACTS §4.1).
export const deletedExpires = new Date(1000)

export const serializeCookie = (c: SetCookie): string => {
  const parts = [`${c.name}=${c.value}`]
  if (c.path) parts.push(`Path=${c.path}`)
  if (c.domain) parts.push(`Domain=${c.domain.replace(/^\./, '')}`)
  if (c.expires) parts.push(`Expires=${c.expires.toUTCString()}`)
  if (c.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, c.maxAge)}`)
  if (c.httpOnly) parts.push('HttpOnly')
  if (c.secure) parts.push('Secure')
  if (c.sameSite) parts.push(`SameSite=${c.sameSite}`)
  return parts.join('; ')
}

export const parseCookieHeader = (
  header: string | undefined,
): readonly { name: string; value: string }[] => {
  if (!header) return []
  const out: { name: string; value: string }[] = []
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    let value = part.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1)
    if (name) out.push({ name, value })
  }
  return out
}
