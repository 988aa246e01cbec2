// Self-service flows, logout and the small HTML UI, mounted on the public port.
import type { Route } from './context.ts'

export const extraPublicRoutes: readonly Route[] = []
