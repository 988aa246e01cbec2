// Admin API (FACTS §6.3, §6.4). Unauthenticated, as in Kratos OSS. Paths arrive normalised with
// the `/admin` prefix (the admin router accepts both forms).
import type { Ctx, Route } from './context.ts'
import { route } from './context.ts'
import { noContent, parseForm, sendError, sendJson } from './http.ts'
import { identityJson, sessionJson } from './render.ts'
import { uuidPattern } from './routes-sessions.ts'
import type { SessionRecord } from './types.ts'

const notFound = (ctx: Ctx): void => {
  sendError(ctx.res, 404, {
    reason: 'Unable to locate the resource',
    message: 'The requested resource could not be found',
  })
}

const badUuid = (ctx: Ctx): void => {
  sendError(ctx.res, 400, {
    reason: 'Unable to parse UUID',
    message: 'The request was malformed or contained invalid parameters',
  })
}

const expandIdentity = (ctx: Ctx): boolean =>
  ctx.url.searchParams.getAll('expand').includes('identity')

const renderSession = (
  ctx: Ctx,
  s: SessionRecord,
  withIdentity: boolean,
): Record<string, unknown> =>
  sessionJson(s, ctx.k.state.identities.get(s.identityId), ctx.k.publicUrl, {
    identity: withIdentity,
    active: ctx.k.state.isActive(s),
  })

const createIdentity = async (ctx: Ctx): Promise<void> => {
  const body = await parseForm(ctx.req)
  const traits = body?.['traits'] as Record<string, unknown> | undefined
  const email = typeof traits?.['email'] === 'string' ? traits['email'] : undefined
  const credentials = body?.['credentials'] as
    { password?: { config?: { password?: unknown } } } | undefined
  const password = credentials?.password?.config?.password
  if (!email) {
    sendError(ctx.res, 400, {
      reason: 'traits.email is required',
      message: 'The request was malformed or contained invalid parameters',
    })
    return
  }
  if (ctx.k.state.identityByEmail(email)) {
    sendError(ctx.res, 409, {
      reason: 'This identity conflicts with another identity that already exists.',
      message: 'The resource could not be created due to a conflict',
    })
    return
  }
  const identity = await ctx.k.state.createIdentity(
    email,
    typeof password === 'string' ? password : crypto.randomUUID(),
  )
  if (body?.['state'] === 'inactive') identity.state = 'inactive'
  ctx.res.setHeader('Location', `${ctx.k.adminUrl}/admin/identities/${identity.id}`)
  sendJson(ctx.res, 201, identityJson(identity, ctx.k.publicUrl))
}

const getIdentity = (ctx: Ctx, [id = '']: readonly string[]): void => {
  const identity = ctx.k.state.identities.get(id)
  if (!identity) {
    notFound(ctx)
    return
  }
  sendJson(ctx.res, 200, identityJson(identity, ctx.k.publicUrl))
}

const deleteIdentity = (ctx: Ctx, [id = '']: readonly string[]): void => {
  if (!ctx.k.state.identities.delete(id)) {
    notFound(ctx)
    return
  }
  for (const s of ctx.k.state.sessionsOf(id)) ctx.k.state.sessions.delete(s.id)
  noContent(ctx.res)
}

const filterActive = (ctx: Ctx, list: SessionRecord[]): SessionRecord[] => {
  const active = ctx.url.searchParams.get('active')
  if (active === null) return list
  return list.filter((s) => ctx.k.state.isActive(s) === goTrue.has(active))
}

const listSessions = (ctx: Ctx): void => {
  const list = filterActive(ctx, [...ctx.k.state.sessions.values()])
  const size = Math.max(1, Number(ctx.url.searchParams.get('page_size') ?? 250) || 250)
  const start = Number(ctx.url.searchParams.get('page_token') ?? 0) || 0
  const page = list.slice(start, start + size)
  const base = `${ctx.k.adminUrl}/admin/sessions?page_size=${size}`
  const links = [`<${base}&page_token=0>; rel="first"`]
  if (start + size < list.length) links.push(`<${base}&page_token=${start + size}>; rel="next"`)
  ctx.res.setHeader('Link', links.join(','))
  ctx.res.setHeader('X-Total-Count', String(list.length))
  sendJson(
    ctx.res,
    200,
    page.map((s) => renderSession(ctx, s, expandIdentity(ctx))),
  )
}

const withSession = (ctx: Ctx, id: string, then: (session: SessionRecord) => void): void => {
  if (!uuidPattern.test(id)) {
    badUuid(ctx)
    return
  }
  const session = ctx.k.state.sessions.get(id)
  if (!session) {
    notFound(ctx)
    return
  }
  then(session)
}

const getSession = (ctx: Ctx, [id = '']: readonly string[]): void => {
  withSession(ctx, id, (s) => {
    sendJson(ctx.res, 200, renderSession(ctx, s, true))
  })
}

const revokeSession = (ctx: Ctx, [id = '']: readonly string[]): void => {
  withSession(ctx, id, (s) => {
    ctx.k.state.revoke(s)
    noContent(ctx.res)
  })
}

const extendSession = (ctx: Ctx, [id = '']: readonly string[]): void => {
  withSession(ctx, id, (s) => {
    const cfg = ctx.k.settings()
    const now = Date.now()
    // Extend only once inside the earliest_possible_extend window; otherwise a successful no-op (§5.4).
    if (s.expiresAt.getTime() - cfg.earliestExtendMs < now)
      s.expiresAt = new Date(now + cfg.lifespanMs)
    if (cfg.fasterSessionExtend) {
      noContent(ctx.res)
      return
    }
    sendJson(ctx.res, 200, renderSession(ctx, s, true))
  })
}

const identitySessions = (ctx: Ctx, [id = '']: readonly string[]): void => {
  if (!uuidPattern.test(id)) {
    badUuid(ctx)
    return
  }
  // No existence check: Kratos' listIdentitySessions queries the sessions table only, so an
  // unknown identity gets 200 and an empty list, never 404.
  const active = ctx.url.searchParams.get('active')
  if (active !== null && !goBools.has(active)) {
    sendError(ctx.res, 400, {
      reason: 'could not parse parameter active',
      message: 'The request was malformed or contained invalid parameters',
    })
    return
  }
  const list = filterActive(ctx, ctx.k.state.sessionsOf(id))
  sendJson(
    ctx.res,
    200,
    pageOf(ctx, list).map((s) => renderSession(ctx, s, false)),
  )
}

/** What Go's strconv.ParseBool accepts (the first six are true); other `active` values get 400. */
const goBools = new Set('1 t T TRUE true True 0 f F FALSE false False'.split(' '))
const goTrue = new Set('1 t T TRUE true True'.split(' '))

/**
 * Kratos' migration pagination on the identity's sessions (openapi.json `listIdentitySessions`):
 * `page_size`/`page_token`, or the deprecated `per_page`/`page`; default 250, at most 1000.
 * `X-Total-Count`, and a `Link` header whose targets are the request's own path and query with
 * the page changed (Kratos builds them from the request URL, so they carry no host).
 */
const pageOf = <T>(ctx: Ctx, items: readonly T[]): readonly T[] => {
  const q = ctx.url.searchParams
  const size = Math.min(
    1000,
    Math.max(1, Number(q.get('page_size') ?? q.get('per_page') ?? 250) || 250),
  )
  const page = Math.max(0, Number(q.get('page_token') ?? q.get('page') ?? 0) || 0)
  const link = (to: number, rel: string): string => {
    const target = new URLSearchParams(q)
    for (const name of ['per_page', 'page']) target.delete(name)
    target.set('page_size', String(size))
    target.set('page_token', String(to))
    return `<${ctx.url.pathname}?${target.toString()}>; rel="${rel}"`
  }
  const links = [link(0, 'first')]
  if ((page + 1) * size < items.length) links.push(link(page + 1, 'next'))
  ctx.res.setHeader('Link', links.join(','))
  ctx.res.setHeader('X-Total-Count', String(items.length))
  return items.slice(page * size, (page + 1) * size)
}

const deleteIdentitySessions = (ctx: Ctx, [id = '']: readonly string[]): void => {
  if (!uuidPattern.test(id)) {
    badUuid(ctx)
    return
  }
  if (!ctx.k.state.identities.has(id)) {
    notFound(ctx)
    return
  }
  // Hard delete, unlike the other revocation paths (FACTS §5.2).
  for (const s of ctx.k.state.sessionsOf(id)) ctx.k.state.sessions.delete(s.id)
  noContent(ctx.res)
}

const ok = (ctx: Ctx): void => {
  sendJson(ctx.res, 200, { status: 'ok' })
}

export const adminRoutes: readonly Route[] = [
  route(['POST'], /^\/admin\/identities$/, createIdentity),
  route(['GET'], /^\/admin\/identities$/, (ctx) => {
    sendJson(
      ctx.res,
      200,
      [...ctx.k.state.identities.values()].map((i) => identityJson(i, ctx.k.publicUrl)),
    )
  }),
  route(['GET'], /^\/admin\/identities\/([^/]+)$/, getIdentity),
  route(['DELETE'], /^\/admin\/identities\/([^/]+)$/, deleteIdentity),
  route(['GET'], /^\/admin\/identities\/([^/]+)\/sessions$/, identitySessions),
  route(['DELETE'], /^\/admin\/identities\/([^/]+)\/sessions$/, deleteIdentitySessions),
  route(['GET'], /^\/admin\/sessions$/, listSessions),
  route(['GET'], /^\/admin\/sessions\/([^/]+)$/, getSession),
  route(['DELETE'], /^\/admin\/sessions\/([^/]+)$/, revokeSession),
  route(['PATCH'], /^\/admin\/sessions\/([^/]+)\/extend$/, extendSession),
  route(['GET'], /^\/admin\/version$/, (ctx) => {
    sendJson(ctx.res, 200, { version: ctx.k.settings().version })
  }),
  route(['GET'], /^\/admin\/health\/(alive|ready)$/, ok),
]

export const publicHealthRoutes: readonly Route[] = [
  route(['GET'], /^\/health\/(alive|ready)$/, ok),
]
