/**
 * Logging in the way a client of Kratos does (FACTS §6.1): API flows return a session token,
 * browser flows a session cookie after a CSRF-checked submit. JSON is negotiated explicitly,
 * since browser endpoints answer with redirects otherwise.
 */
import type { ProbeClient, ProbeRequest, ProbeResponse } from './client.ts'
import { CookieJar } from './cookies.ts'
import type { ProbeIdentity, ProbeSession } from './types.ts'

export const jsonHeaders = { accept: 'application/json' } as const

interface FlowJson {
  readonly id?: string
  readonly ui?: {
    readonly action?: string
    readonly nodes?: readonly { readonly attributes?: { name?: string; value?: unknown } }[]
  }
}

export class ProbeError extends Error {
  override readonly name = 'ProbeError'
}

export const csrfTokenOf = (flow: FlowJson | undefined): string | undefined => {
  const node = flow?.ui?.nodes?.find((n) => n.attributes?.name === 'csrf_token')
  const value = node?.attributes?.value
  return typeof value === 'string' ? value : undefined
}

const expectFlow = (res: ProbeResponse, what: string): FlowJson & { id: string } => {
  const flow = res.json() as FlowJson | undefined
  if (res.status !== 200 || typeof flow?.id !== 'string') {
    throw new ProbeError(`${what}: expected 200 with a flow, got ${res.status}`)
  }
  return flow as FlowJson & { id: string }
}

const sessionOf = (res: ProbeResponse, what: string): Record<string, unknown> => {
  const body = res.json() as { session?: Record<string, unknown> } | undefined
  if (res.status !== 200 || typeof body?.session?.['id'] !== 'string') {
    throw new ProbeError(`${what}: expected 200 with a session, got ${res.status}`)
  }
  return body.session
}

export const loginApi = async (
  http: ProbeClient,
  base: URL,
  who: ProbeIdentity,
  signal?: AbortSignal,
): Promise<ProbeSession> => {
  const init = await http.request(
    {
      url: new URL('self-service/login/api', base),
      headers: jsonHeaders,
      jar: null,
      label: 'API login: init',
    },
    signal,
  )
  const flow = expectFlow(init, 'API login init')
  const res = await http.request(
    {
      method: 'POST',
      url: new URL(`self-service/login?flow=${encodeURIComponent(flow.id)}`, base),
      headers: jsonHeaders,
      body: { method: 'password', identifier: who.identifier, password: who.password },
      jar: null,
      label: 'API login: submit',
    },
    signal,
  )
  const session = sessionOf(res, 'API login')
  const token = (res.json() as { session_token?: string } | undefined)?.session_token
  if (typeof token !== 'string') throw new ProbeError('API login: no session_token in the answer')
  http.redactor.remember(token)
  return { id: session['id'] as string, token, session }
}

export const loginBrowser = async (
  http: ProbeClient,
  base: URL,
  who: ProbeIdentity,
  jar: CookieJar = new CookieJar(),
  signal?: AbortSignal,
  query = '',
): Promise<ProbeSession & { jar: CookieJar; response: ProbeResponse }> => {
  const init = await http.request(
    {
      url: new URL(`self-service/login/browser${query}`, base),
      headers: jsonHeaders,
      jar,
      label: 'browser login: init',
    },
    signal,
  )
  const flow = expectFlow(init, 'browser login init')
  const res = await http.request(
    {
      method: 'POST',
      url: new URL(`self-service/login?flow=${encodeURIComponent(flow.id)}`, base),
      headers: jsonHeaders,
      body: {
        method: 'password',
        identifier: who.identifier,
        password: who.password,
        csrf_token: csrfTokenOf(flow) ?? '',
      },
      jar,
      label: 'browser login: submit',
    },
    signal,
  )
  const session = sessionOf(res, 'browser login')
  const cookie = res.setCookies.find((c) => !c.name.startsWith('csrf_token') && c.value !== '')
  if (cookie === undefined) throw new ProbeError('browser login: no session cookie was set')
  return {
    id: session['id'] as string,
    cookie: `${cookie.name}=${cookie.value}`,
    setCookie: cookie.raw,
    session,
    jar,
    response: res,
  }
}

/** whoami with the given credentials; returns the session id or null on 401. */
export const whoami = async (
  http: ProbeClient,
  base: URL,
  credential: { token?: string; cookie?: string },
  label = 'whoami',
  signal?: AbortSignal,
): Promise<{ id: string | null; response: ProbeResponse }> => {
  const headers: Record<string, string> = { ...jsonHeaders }
  if (credential.token !== undefined) headers['x-session-token'] = credential.token
  if (credential.cookie !== undefined) headers['cookie'] = credential.cookie
  const response = await http.request(
    { url: new URL('sessions/whoami', base), headers, jar: null, label },
    signal,
  )
  const id =
    response.status === 200 ? (response.json() as { id?: string } | undefined)?.id : undefined
  return { id: typeof id === 'string' ? id : null, response }
}

/**
 * Ends a cookie session with Kratos' own browser logout (FACTS §6.1): the logout URL from
 * /self-service/logout/browser, opened with the cookie. For cleanup without an admin API and for
 * checks that must not navigate away from the page their screenshot shows; `how` marks both
 * requests (quiet, cleanup, label). A logout URL on a host the probe was not given is refused by
 * the client like any other.
 */
export const logoutBrowser = async (
  http: ProbeClient,
  base: URL,
  cookie: string,
  how: Pick<ProbeRequest, 'label' | 'quiet' | 'cleanup'>,
  signal?: AbortSignal,
): Promise<void> => {
  const headers = { ...jsonHeaders, cookie }
  const init = await http.request(
    { url: new URL('self-service/logout/browser', base), headers, jar: null, ...how },
    signal,
  )
  const to = (init.json() as { logout_url?: unknown } | undefined)?.logout_url
  if (typeof to !== 'string') return
  await http.request({ url: new URL(to), headers, jar: null, ...how }, signal)
}
