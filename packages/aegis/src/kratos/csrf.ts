/**
 * The CSRF cookie name: `csrf_token_` + lowercase hex SHA-256 of the public base URL string, so a
 * trailing slash or another scheme gives another name (FACTS.md §4.2).
 */
import { createHash } from 'node:crypto'

export const csrfCookieName = (publicBaseUrl: string): string =>
  `csrf_token_${createHash('sha256').update(publicBaseUrl, 'utf8').digest('hex')}`
