// Login and whoami helpers for the double's own behaviour tests (flows.test.ts,
// account.test.ts); each test file gets its doubles closed after every test. Test-only.
import { afterEach } from 'vitest'
import { startKratosDouble, type DoubleOptions, type KratosDouble } from './index.ts'
import { csrfTokenOf, type Jar } from './jar.ts'

export const email = 'ada@example.test'
export const password = 'correct horse 1'

export interface Doubles {
  /** A double with the test identity (`email`, `password`). */
  readonly setup: (options?: DoubleOptions) => Promise<{ d: KratosDouble; identityId: string }>
  /** A double with no identity. */
  readonly start: (options?: DoubleOptions) => Promise<KratosDouble>
}

/** Registers an afterEach that closes every double these functions started. */
export const useDoubles = (): Doubles => {
  const doubles: KratosDouble[] = []
  afterEach(async () => {
    await Promise.all(doubles.splice(0).map((d) => d.close()))
  })
  const start = async (options: DoubleOptions = {}): Promise<KratosDouble> => {
    const d = await startKratosDouble(options)
    doubles.push(d)
    return d
  }
  return {
    start,
    setup: async (options = {}) => {
      const d = await start(options)
      const { id } = await d.createIdentity({ email, password })
      return { d, identityId: id }
    },
  }
}

export const browserLogin = async (d: KratosDouble, jar: Jar, query = '', pw = password) => {
  const init = await jar.fetch(`${d.publicUrl}/self-service/login/browser${query}`, {
    headers: { accept: 'application/json' },
  })
  const flow = init.json()
  return jar.fetch((flow['ui'] as { action: string }).action, {
    method: 'POST',
    json: { method: 'password', identifier: email, password: pw, csrf_token: csrfTokenOf(flow) },
  })
}

export interface ApiLoginBody {
  session_token: string
  session: { id: string }
  ui: { messages: { type: string }[] }
  error?: unknown
}

export const apiLogin = async (
  d: KratosDouble,
  headers: Record<string, string> = {},
  query = '',
) => {
  const flow = (await (
    await fetch(`${d.publicUrl}/self-service/login/api${query}`, { headers })
  ).json()) as {
    id: string
  }
  const res = await fetch(`${d.publicUrl}/self-service/login?flow=${flow.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ method: 'password', identifier: email, password }),
  })
  return { status: res.status, body: (await res.json()) as ApiLoginBody }
}

export const whoamiId = async (d: KratosDouble, headers: Record<string, string>) => {
  const res = await fetch(`${d.publicUrl}/sessions/whoami`, { headers })
  return res.status === 200 ? ((await res.json()) as { id: string }).id : res.status
}
