// What every route handler sees: the request, the response, and the double's internals.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Settings } from './config.ts'
import type { DoubleState } from './state.ts'
import type { DoubleOptions, KratosDouble, WeaknessName } from './types.ts'

export interface Internals {
  readonly state: DoubleState
  readonly options: DoubleOptions
  settings(): Settings
  weak(name: WeaknessName): boolean
  /** Origin of the public port, without trailing slash. */
  publicUrl: string
  adminUrl: string
  /** `serve.public.base_url` as Kratos prints it (trailing slash): the CSRF cookie name hashes it. */
  publicBase: string
  hostname: string
  csrfCookieName: string
  uiUrl: string
  defaultReturnUrl: string
  double: KratosDouble | undefined
}

export interface Ctx {
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly url: URL
  readonly port: 'public' | 'admin'
  readonly k: Internals
}

export type Handler = (ctx: Ctx, params: readonly string[]) => void | Promise<void>

export interface Route {
  readonly methods: readonly string[] | '*'
  readonly pattern: RegExp
  readonly handler: Handler
}

export const route = (
  methods: readonly string[] | '*',
  pattern: RegExp,
  handler: Handler,
): Route => ({
  methods,
  pattern,
  handler,
})
