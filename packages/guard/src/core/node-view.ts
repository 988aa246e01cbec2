import type { GuardRequest } from './types.ts'

/** Node's `IncomingHttpHeaders`, written out so the core needs no `node:http` types. */
type NodeHeaders = { readonly [name: string]: string | readonly string[] | undefined }

/**
 * A light view of a Node request (Express, Fastify), its own `headers`: one small object per
 * request, no Web `Request` or `Headers` built (that costs more than a cache hit), and the URL
 * read only when a deny needs it. Adapters add `url` the framework's way.
 */
export abstract class NodeView<
  R extends { readonly headers: NodeHeaders },
> implements GuardRequest {
  readonly headers: GuardRequest['headers'] = this
  protected readonly req: R

  constructor(req: R) {
    this.req = req
  }

  get(name: string): string | null {
    const value = this.req.headers[name]
    if (value === undefined) return null
    return typeof value === 'string' ? value : value.join(', ')
  }

  abstract get url(): string
}
