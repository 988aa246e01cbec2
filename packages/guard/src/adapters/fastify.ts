import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { denyBody } from '../core/decision.ts'
import type { Guard } from '../core/guard.ts'
import type { GuardRequest, KratosSession, RouteOptions } from '../core/types.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The Kratos session on allowed requests; null on routes the guard skips. */
    kratosSession: KratosSession | null
  }
  interface FastifyInstance {
    kratosGuard: Guard
  }
  interface FastifyContextConfig {
    /** Per-route policy, or `false` to leave a route public. */
    kratosGuard?: RouteOptions | false
  }
}

export interface FastifyGuardOptions {
  readonly guard: Guard
  /** The default policy for routes without `config.kratosGuard`. */
  readonly route?: RouteOptions
}

function kratosGuardPlugin(
  fastify: Parameters<FastifyPluginAsync>[0],
  options: FastifyGuardOptions,
): Promise<void> {
  const { guard } = options
  fastify.decorate('kratosGuard', guard)
  fastify.decorateRequest('kratosSession', null)
  fastify.addHook(
    'onRequest',
    async function kratosGuard(request: FastifyRequest, reply: FastifyReply) {
      const config = request.routeOptions.config.kratosGuard
      if (config === false) return
      const decision = await guard(guardRequest(request), config ?? options.route, request.ip)
      for (const [name, value] of decision.headers) void reply.header(name, value)
      if (decision.type === 'allow') {
        request.kratosSession = decision.session
        return
      }
      void reply.code(decision.status).header('cache-control', 'no-store')
      if (decision.redirect !== undefined) return reply.send()
      return reply.type('application/json; charset=utf-8').send(denyBody(decision))
    },
  )
  return Promise.resolve()
}

/**
 * Fastify 5 plugin: `app.register(fastifyGuard, { guard })`. It is not encapsulated (like a
 * fastify-plugin wrapped plugin), so the hook covers the routes of the registering scope.
 */
export const fastifyGuard: FastifyPluginAsync<FastifyGuardOptions> = Object.assign(
  kratosGuardPlugin,
  {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: '@kratos-aegis/guard',
  },
)

function guardRequest(request: FastifyRequest): GuardRequest {
  return {
    headers: {
      get(name: string): string | null {
        const value = request.headers[name]
        if (value === undefined) return null
        return typeof value === 'string' ? value : value.join(', ')
      },
    },
    get url(): string {
      return `${request.protocol}://${request.host}${request.url}`
    },
  }
}
