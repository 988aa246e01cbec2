// A minimal self-service UI (the `ui_url` pages) so real-browser tests can log in through a real
// form that posts to the flow's action with its csrf_token, as Ory's reference UI does.
import type { Ctx, Route } from './context.ts'
import { route } from './context.ts'
import { flowJson } from './flows.ts'
import { redirect } from './http.ts'
import { currentSession } from './session-cookie.ts'
import type { FlowKind } from './state.ts'

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const page = (ctx: Ctx, title: string, body: string): void => {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`
  ctx.res.statusCode = 200
  ctx.res.setHeader('Content-Type', 'text/html; charset=utf-8')
  ctx.res.end(html)
}

interface UiNode {
  attributes: { name: string; type: string; value?: string; required?: boolean }
  meta: { label?: { text: string } }
}

const renderNode = (node: UiNode): string => {
  const a = node.attributes
  if (a.type === 'submit')
    return `<button type="submit" name="${esc(a.name)}" value="${esc(a.value ?? '')}">${esc(node.meta.label?.text ?? 'Submit')}</button>`
  const input = `<input name="${esc(a.name)}" type="${esc(a.type)}" value="${esc(a.value ?? '')}"${a.required ? ' required' : ''}>`
  if (a.type === 'hidden') return input
  return `<label>${esc(node.meta.label?.text ?? a.name)} ${input}</label><br>`
}

const flowPage = (ctx: Ctx, kind: FlowKind): void => {
  const flow = ctx.k.state.flows.get(ctx.url.searchParams.get('flow') ?? '')
  if (flow?.kind !== kind) {
    redirect(ctx.res, 303, `${ctx.k.publicUrl}/self-service/${kind}/browser`)
    return
  }
  const json = flowJson(ctx.k, flow) as {
    ui: { action: string; method: string; nodes: UiNode[]; messages?: { text: string }[] }
  }
  const messages = (json.ui.messages ?? [])
    .map((m) => `<p class="message">${esc(m.text)}</p>`)
    .join('')
  const form = `<form id="${kind}" action="${esc(json.ui.action)}" method="${esc(json.ui.method)}">${json.ui.nodes.map(renderNode).join('')}</form>`
  page(ctx, kind[0]!.toUpperCase() + kind.slice(1), messages + form)
}

const welcome = (ctx: Ctx): void => {
  const found = currentSession(ctx.k, ctx.req)
  if (!found) {
    page(
      ctx,
      'Welcome',
      `<p id="status">Not signed in.</p><a href="${esc(`${ctx.k.publicUrl}/self-service/login/browser`)}">Sign in</a>`,
    )
    return
  }
  const identity = ctx.k.state.identities.get(found.session.identityId)
  const logout = `${ctx.k.publicUrl}/self-service/logout?token=${found.session.logoutToken}`
  page(
    ctx,
    'Welcome',
    `<p id="status">Signed in as <span id="email">${esc(identity?.email ?? '')}</span>.</p><p id="session-id">${esc(found.session.id)}</p><a id="logout" href="${esc(logout)}">Sign out</a>`,
  )
}

const errorPage = (ctx: Ctx): void => {
  page(ctx, 'Error', `<p id="error-id">${esc(ctx.url.searchParams.get('id') ?? 'unknown')}</p>`)
}

export const uiRoutes: readonly Route[] = [
  route(['GET'], /^\/ui\/(login|registration|settings)$/, (ctx, [kind]) => {
    flowPage(ctx, kind as FlowKind)
  }),
  route(['GET'], /^\/ui\/welcome$/, welcome),
  route(['GET'], /^\/ui\/error$/, errorPage),
]
