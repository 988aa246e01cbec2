/** Every probe check, sorted by id. */
import type { Check } from '../types.ts'
import corsCredentialsOrigin from './cors-credentials-origin.ts'
import sessionCookieAttributes from './session-cookie-attributes.ts'

export const checks: readonly Check[] = [corsCredentialsOrigin, sessionCookieAttributes]
