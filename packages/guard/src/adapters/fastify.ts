import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { denyBody } from '../core/decision.ts'
import type { Guard } from '../core/guard.ts'
import type { GuardDecision, KratosSession, RouteOptions } from '../core/types.ts'
import { NodeView } from '../core/node-view.ts'

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
  // A callback hook: a hit is decided synchronously, no promise; request.ip read only for binding.
  fastify.addHook('onRequest', function kratosGuard(request, reply, done) {
    const route = request.routeOptions.config.kratosGuard ?? options.route
    const decision =
      route === false ? null : guard.decide(new FastifyView(request), route, () => request.ip)
    if (decision instanceof Promise)
      decision.then(settle.bind(null, request, reply, done)).catch(done)
    else settle(request, reply, done, decision)
  })
  return Promise.resolve()
}

// Allow (or no guard: null) calls done(); a deny sends the reply, so the route never runs.
function settle(
  request: FastifyRequest,
  reply: FastifyReply,
  done: (error?: Error) => void,
  decision: GuardDecision | null,
): void {
  for (const [name, value] of decision?.headers ?? []) void reply.header(name, value)
  if (decision?.type === 'deny') {
    void reply.code(decision.status).header('cache-control', 'no-store')
    if (decision.redirect !== undefined) void reply.send()
    else void reply.type('application/json; charset=utf-8').send(denyBody(decision))
    return
  }
  if (decision !== null) request.kratosSession = decision.session
  done()
}

/** Fastify 5 plugin, `app.register(fastifyGuard, { guard })`: not encapsulated (as with
 * fastify-plugin), so the hook covers the routes of the registering scope. */
export const fastifyGuard: FastifyPluginAsync<FastifyGuardOptions> = Object.assign(
  kratosGuardPlugin,
  {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: '@kratos-aegis/guard',
  },
)

class FastifyView extends NodeView<FastifyRequest> {
  get url(): string {
    return `${this.req.protocol}://${this.req.host}${this.req.url}`
  }
}
