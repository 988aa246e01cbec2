// The guard takes the credential Kratos would take (FACTS.md §6.2, `extractToken`): for every mix
// of X-Session-Token, session cookie and Authorization header, the guard allows exactly when the
// double's whoami answers 200 to the same headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKratosDouble } from '../support/kratos-double/index.ts'
import type { KratosDouble } from '../support/kratos-double/index.ts'
import { createGuard } from '../../packages/guard/src/index.ts'

let double: KratosDouble
let token: string
let cookie: string

beforeAll(async () => {
  double = await startKratosDouble()
  const { id } = await double.createIdentity({
    email: 'order@example.com',
    password: 'a long passphrase 4',
  })
  const session = await double.createSession(id)
  token = session.token
  cookie = session.cookie
})
afterAll(() => double.close())

const name = 'ory_kratos_session'
// Shaped like a Kratos cookie, but sealed with no secret the double knows: it does not decode.
const undecodable = `${name}=MTcwMDAwMDAwMHxHd3dBR0RFeU16UTFOamM0T1RBeE1qTTBOVFkzT0Rrd3xhYmNk`
const unknownToken = 'ory_st_abcdefghijklmnopqrstuvwxyz012345'

const tokens: Record<string, string | undefined> = {
  none: undefined,
  empty: '',
  valid: 'T',
  unknown: unknownToken,
}
const cookies: Record<string, string | undefined> = {
  none: undefined,
  valid: 'C',
  undecodable,
  malformed: `${name}=<script>`,
}
const authorizations: Record<string, string | undefined> = {
  none: undefined,
  bearer: 'B',
  'unknown bearer': `Bearer ${unknownToken}`,
  basic: 'Basic dXNlcjpwYXNz',
}

const cases = Object.keys(tokens).flatMap((t) =>
  Object.keys(cookies).flatMap((c) => Object.keys(authorizations).map((a) => [t, c, a] as const)),
)

describe('credential order, guard against the double', () => {
  it.each(cases)('X-Session-Token %s, cookie %s, Authorization %s', async (t, c, a) => {
    const headers: Record<string, string> = {}
    const tokenValue = tokens[t]
    if (tokenValue !== undefined)
      headers['x-session-token'] = tokenValue === 'T' ? token : tokenValue
    const cookieValue = cookies[c]
    if (cookieValue !== undefined) headers['cookie'] = cookieValue === 'C' ? cookie : cookieValue
    const authorization = authorizations[a]
    if (authorization !== undefined)
      headers['authorization'] = authorization === 'B' ? `Bearer ${token}` : authorization
    const kratos = await fetch(`${double.publicUrl}/sessions/whoami`, { headers })
    await kratos.body?.cancel()
    // A fresh guard each time, so no verdict comes from another case's cache.
    const guard = createGuard({ kratosUrl: double.publicUrl })
    const decision = await guard(new Request('http://127.0.0.1/app', { headers }))
    expect(decision.type).toBe(kratos.status === 200 ? 'allow' : 'deny')
  })

  it('keys the cache on the cookie and the Bearer token sent beside it', async () => {
    const guard = createGuard({ kratosUrl: double.publicUrl, cacheTtl: '10m' })
    const ask = (authorization: string) =>
      guard(
        new Request('http://127.0.0.1/app', { headers: { cookie: undecodable, authorization } }),
      )
    expect((await ask(`Bearer ${token}`)).type).toBe('allow')
    // Same cookie, another token: Kratos would refuse it, so no cached allow may answer.
    expect(await ask(`Bearer ${unknownToken}`)).toMatchObject({ type: 'deny', status: 401 })
  })
})
