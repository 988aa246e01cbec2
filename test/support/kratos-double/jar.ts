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
