// Self-service flows, logout and the small HTML UI, mounted on the public port.
import type { Route } from './context.ts'
import { loginRoutes } from './routes-login.ts'
import { logoutRoutes } from './routes-logout.ts'
import { registrationRoutes } from './routes-registration.ts'
import { settingsRoutes } from './routes-settings.ts'
import { uiRoutes } from './ui.ts'

export const extraPublicRoutes: readonly Route[] = [
  ...loginRoutes,
  ...registrationRoutes,
  ...settingsRoutes,
  ...logoutRoutes,
  ...uiRoutes,
]
