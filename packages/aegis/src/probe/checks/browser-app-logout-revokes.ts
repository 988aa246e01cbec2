import { defineCheck } from '../define-check.ts'
import { whoami } from '../flows.ts'
import {
  activeSessionIds,
  endCookieSession,
  holdKratosCookie,
  logoutThroughApp,
  rememberOpenedSessions,
  signedIn,
  signInThroughApp,
} from '../browser/app-flow.ts'
import { runInBrowser } from '../browser/run-in-browser.ts'

/**
 * Logout in the application must end the Kratos session, not only the application's view of it:
 * deleting cookies or local state leaves a copied cookie or token valid until `expires_at`
 * (FACTS §5.2: only logout or revocation sets active=false; ASVS 4.0.3 3.3.1, 5.0 7.4.1). The check
 * signs in and out through the app in Chromium, then replays the Kratos cookie held before to
 * whoami — or, for an app that keeps the session on its server, asks the admin API.
 */
export default defineCheck({
  id: 'browser-app-logout-revokes',
  meta: {
    title: 'Logout in the application ends the Kratos session (browser)',
    description:
      'Signs in through the application in Chromium, signs out with its own sign-out control (or --app-logout-path), then replays the Kratos session cookie held before to whoami (or, for sessions the app keeps on its server, looks them up in the admin API).',
    severity: 'high',
    concern: 'logout',
    key: 'application.logout',
    references: { asvs4: ['3.3.1'], asvs5: ['7.4.1'], cwe: ['CWE-613'], wstg: ['WSTG-SESS-06'] },
    intrusive: false,
    requires: ['browser', 'identity', 'app'],
  },
  run: (ctx) =>
    runInBrowser(ctx, async ({ page, context, who, secret }) => {
      const app = ctx.target.appUrl
      if (app === undefined) return { outcome: 'skipped', message: 'needs --app-url' }
      const admin = ctx.target.adminUrl
      const before =
        admin === undefined ? undefined : await activeSessionIds(ctx.http, admin, who, ctx.signal)
      const failed = await signInThroughApp(ctx, page, app, who)
      if (failed !== undefined) return failed
      const kratos = await holdKratosCookie(ctx, context, secret)
      const opened = await rememberOpenedSessions(ctx, who, before)
      if (kratos === undefined && opened.length === 0)
        return admin === undefined
          ? {
              outcome: 'skipped',
              message:
                'the application keeps the Kratos session on its server (no Kratos session cookie in the browser): give --admin-url so the check can follow it',
            }
          : {
              outcome: 'error',
              message:
                'signed in, but found no Kratos session: no Kratos cookie in the browser and no new session of the identity in the admin API',
            }

      const did = await logoutThroughApp(page, app, ctx.appLogoutPath)
      ctx.http.note('sign out through the application', did)

      if (kratos !== undefined) {
        const replay = await whoami(
          ctx.http,
          ctx.target.publicUrl,
          { cookie: `${kratos.name}=${kratos.value}` },
          'replay the Kratos cookie held before the app logout',
          ctx.signal,
        )
        if (replay.id !== null) {
          // The app left it open; end it now, as cleanup cannot without --admin-url.
          await endCookieSession(ctx, kratos).catch(() => undefined)
          return {
            outcome: 'fail',
            message: `after logout in the application, whoami still accepts the ${kratos.name} cookie held before: the application must log out through Kratos (the logout_url of /self-service/logout/browser), not only forget the session`,
          }
        }
      } else if (admin !== undefined) {
        const still = await activeSessionIds(ctx.http, admin, who, ctx.signal)
        const alive = opened.filter((id) => still?.has(id) === true)
        ctx.http.note(
          'sessions after the app logout',
          `${alive.length} of the ${opened.length} Kratos session(s) the application opened are still active (admin API)`,
        )
        if (alive.length > 0)
          return {
            outcome: 'fail',
            message: `after logout in the application, the Kratos session it opened is still active: revoke it (DELETE /self-service/logout/api with the token it holds), not only its own cookie`,
          }
      }
      const inside = await signedIn(page, app)
      if (inside.ok)
        return {
          outcome: 'fail',
          message: `after logout the application still lets the browser into ${app.pathname} (status ${inside.status})`,
        }
      return {
        outcome: 'pass',
        message:
          kratos !== undefined
            ? `logout in the application ended the Kratos session: whoami rejects the ${kratos.name} cookie held before`
            : 'logout in the application revoked the Kratos session it kept on its server (admin API)',
      }
    }),
})
