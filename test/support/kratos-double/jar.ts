// A small cookie-keeping client over fetch for the double's own tests: keeps raw Set-Cookie lines,
// never follows redirects.
export interface JarResponse {
  readonly status: number
  readonly headers: Headers
  readonly setCookies: readonly string[]
  readonly text: string
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- test convenience: callers name the shape they assert on
  json<T = Record<string, unknown>>(): T
}

export class Jar {
  readonly cookies = new Map<string, string>()

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async fetch(url: string, init: RequestInit & { json?: unknown } = {}): Promise<JarResponse> {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0 && !headers.has('cookie')) headers.set('cookie', this.header())
    let body = init.body
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json')
      headers.set('accept', 'application/json')
      body = JSON.stringify(init.json)
    }
    const res = await fetch(url, { ...init, headers, body: body ?? null, redirect: 'manual' })
    const setCookies = res.headers.getSetCookie()
    for (const line of setCookies) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      if (/;\s*Max-Age=0(;|$)/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(eq + 1))
    }
    const text = await res.text()
    return {
      status: res.status,
      headers: res.headers,
      setCookies,
      text,
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- see JarResponse.json
      json: <T>() => JSON.parse(text) as T,
    }
  }
}

export const csrfTokenOf = (flow: Record<string, unknown>): string => {
  const ui = flow['ui'] as { nodes: { attributes: { name: string; value?: string } }[] }
  return ui.nodes.find((n) => n.attributes.name === 'csrf_token')?.attributes.value ?? ''
}

/** A full browser login through the JSON flow (init, then submit with the flow's CSRF token). */
export const browserLogin = async (
  publicUrl: string,
  jar: Jar,
  credentials: { email: string; password: string },
  options: { query?: string; json?: boolean; csrf?: boolean } = {},
): Promise<JarResponse> => {
  const init = await jar.fetch(`${publicUrl}/self-service/login/browser${options.query ?? ''}`, {
    headers: { accept: 'application/json' },
  })
  const flow = init.json()
  const fields = {
    method: 'password',
    identifier: credentials.email,
    password: credentials.password,
    ...(options.csrf === false ? {} : { csrf_token: csrfTokenOf(flow) }),
  }
  const action = (flow['ui'] as { action: string }).action
  if (options.json === false)
    return jar.fetch(action, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  return jar.fetch(action, { method: 'POST', json: fields })
}

/** An API login; returns the session token (or the status when the login failed). */
export const apiLogin = async (
  publicUrl: string,
  credentials: { email: string; password: string },
  headers: Record<string, string> = {},
): Promise<{ status: number; token: string | undefined; sessionId: string | undefined }> => {
  const flow = (await (await fetch(`${publicUrl}/self-service/login/api`, { headers })).json()) as {
    id: string
  }
  const res = await fetch(`${publicUrl}/self-service/login?flow=${flow.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      method: 'password',
      identifier: credentials.email,
      password: credentials.password,
    }),
  })
  const body = (await res.json()) as { session_token?: string; session?: { id: string } }
  return { status: res.status, token: body.session_token, sessionId: body.session?.id }
}
