/** Every probe check, sorted by id. */
import type { Check } from '../types.ts'
import adminApiNotPublic from './admin-api-not-public.ts'
import appIdleTimeoutEnforced from './app-idle-timeout-enforced.ts'
import browserAppLogoutRevokes from './browser-app-logout-revokes.ts'
import browserAppTokenHidden from './browser-app-token-hidden.ts'
import browserCookiePrefixAccepted from './browser-cookie-prefix-accepted.ts'
import browserCrossSiteCookieWithheld from './browser-cross-site-cookie-withheld.ts'
import browserLogoutClearsCookie from './browser-logout-clears-cookie.ts'
import browserPlainHttpCookieDropped from './browser-plain-http-cookie-dropped.ts'
import browserSessionCookieHidden from './browser-session-cookie-hidden.ts'
import cookieTossingResisted from './cookie-tossing-resisted.ts'
import corsCredentialsOrigin from './cors-credentials-origin.ts'
import csrfBrowserFlow from './csrf-browser-flow.ts'
import csrfCookieAttributes from './csrf-cookie-attributes.ts'
import logoutApiRevokes from './logout-api-revokes.ts'
import logoutBrowserRevokes from './logout-browser-revokes.ts'
import passwordChangeRevokesOthers from './password-change-revokes-others.ts'
import returnToOpenRedirect from './return-to-open-redirect.ts'
import sessionCookieAttributes from './session-cookie-attributes.ts'
import sessionFixationResisted from './session-fixation-resisted.ts'
import sessionLifetimeProfile from './session-lifetime-profile.ts'
import sessionReauthRotation from './session-reauth-rotation.ts'
import sessionRevocationImmediate from './session-revocation-immediate.ts'
import tokenLeakageAbsent from './token-leakage-absent.ts'
import transportHttpsEnforced from './transport-https-enforced.ts'

export const checks: readonly Check[] = [
  adminApiNotPublic,
  appIdleTimeoutEnforced,
  browserAppLogoutRevokes,
  browserAppTokenHidden,
  browserCookiePrefixAccepted,
  browserCrossSiteCookieWithheld,
  browserLogoutClearsCookie,
  browserPlainHttpCookieDropped,
  browserSessionCookieHidden,
  cookieTossingResisted,
  corsCredentialsOrigin,
  csrfBrowserFlow,
  csrfCookieAttributes,
  logoutApiRevokes,
  logoutBrowserRevokes,
  passwordChangeRevokesOthers,
  returnToOpenRedirect,
  sessionCookieAttributes,
  sessionFixationResisted,
  sessionLifetimeProfile,
  sessionReauthRotation,
  sessionRevocationImmediate,
  tokenLeakageAbsent,
  transportHttpsEnforced,
]
