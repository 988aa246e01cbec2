// Contract test: every endpoint the double serves answers with a status that Kratos' openapi.json
// documents for it (or its `default`), and with a body that validates against that response's schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKratosDouble, type KratosDouble } from './index.ts'
import { browserLogin, csrfTokenOf, Jar, type JarResponse } from './jar.ts'
import { loadContract } from './openapi.ts'

const contract = loadContract()
const checked = new Set<string>()
const user = { email: 'ada@example.test', password: 'correct horse 1' }
let d: KratosDouble
let identityId: string

beforeAll(async () => {
  d = await startKratosDouble()
  identityId = (await d.createIdentity(user)).id
})
afterAll(async () => {
  await d.close()
})

type Res = Pick<JarResponse, 'status' | 'text'>

/** Validates one response; returns the problems found (empty when it conforms). */
const verify = (specPath: string, method: string, res: Res): string[] => {
  const key = `${method} ${specPath} ${res.status}`
  checked.add(`${method} ${specPath}`)
  const validator = contract.validator(specPath, method, res.status)
  if (validator === undefined) return [`${key}: status not documented`]
  if (validator === 'empty') return res.text === '' ? [] : [`${key}: body should be empty`]
  if (validator(JSON.parse(res.text))) return []
  return [`${key}: ${JSON.stringify(validator.errors?.slice(0, 3))}`]
}

const call = async (
  specPath: string,
  url: string,
  init: RequestInit & { json?: unknown } = {},
  jar = new Jar(),
): Promise<{ res: JarResponse; problems: string[] }> => {
  const res = await jar.fetch(url, init)
  return { res, problems: verify(specPath, init.method ?? 'GET', res) }
}

const json = { headers: { accept: 'application/json' } }

const expectConforming = async (
  calls: readonly Promise<{ res: JarResponse; problems: string[] }>[],
  statuses: readonly number[],
): Promise<void> => {
  const results = await Promise.all(calls)
  expect(results.flatMap((r) => r.problems)).toEqual([])
  expect(results.map((r) => r.res.status)).toEqual(statuses)
}

describe('public session endpoints', () => {
  it('whoami, list, revoke', async () => {
    const s = await d.createSession(identityId)
    const other = await d.createSession(identityId)
    const mfa = await d.createIdentity({
      email: 'mfa@example.test',
      password: 'pw-pw-pw-pw',
      totp: true,
    })
    const aal1 = await d.createSession(mfa.id)
    const auth = { headers: { 'x-session-token': s.token } }
    await expectConforming(
      [
        call('/sessions/whoami', `${d.publicUrl}/sessions/whoami`, auth),
        call('/sessions/whoami', `${d.publicUrl}/sessions/whoami`),
        call('/sessions/whoami', `${d.publicUrl}/sessions/whoami`, {
          headers: { 'x-session-token': aal1.token },
        }),
        call('/sessions', `${d.publicUrl}/sessions`, auth),
        call('/sessions', `${d.publicUrl}/sessions`),
        call('/sessions/{id}', `${d.publicUrl}/sessions/not-a-uuid`, { ...auth, method: 'DELETE' }),
        call('/sessions/{id}', `${d.publicUrl}/sessions/${other.id}`, {
          ...auth,
          method: 'DELETE',
        }),
      ],
      [200, 401, 403, 200, 401, 400, 204],
    )
    await expectConforming(
      [call('/sessions', `${d.publicUrl}/sessions`, { ...auth, method: 'DELETE' })],
      [200],
    )
  })
})

describe('login, registration and settings flows', () => {
  it('login', async () => {
    const jar = new Jar()
    const flow = await call(
      '/self-service/login/browser',
      `${d.publicUrl}/self-service/login/browser`,
      json,
      jar,
    )
    const id = String(flow.res.json()['id'])
    const action = `${d.publicUrl}/self-service/login?flow=${id}`
    const api = (
      await call('/self-service/login/api', `${d.publicUrl}/self-service/login/api`)
    ).res.json()
    const apiAction = `${d.publicUrl}/self-service/login?flow=${String(api['id'])}`
    const body = { method: 'password', identifier: user.email, password: user.password }
    await expectConforming(
      [
        Promise.resolve(flow),
        call('/self-service/login/browser', `${d.publicUrl}/self-service/login/browser`),
        call(
          '/self-service/login/browser',
          `${d.publicUrl}/self-service/login/browser?return_to=https://evil.example/`,
          json,
        ),
        call(
          '/self-service/login/flows',
          `${d.publicUrl}/self-service/login/flows?id=${id}`,
          {},
          jar,
        ),
        call('/self-service/login/flows', `${d.publicUrl}/self-service/login/flows?id=${id}`),
        call(
          '/self-service/login/flows',
          `${d.publicUrl}/self-service/login/flows?id=${crypto.randomUUID()}`,
        ),
        call(
          '/self-service/login',
          action,
          {
            method: 'POST',
            json: { ...body, password: 'wrong', csrf_token: csrfTokenOf(flow.res.json()) },
          },
          jar,
        ),
        call('/self-service/login', action, { method: 'POST', json: body }, jar),
      ],
      [200, 303, 400, 200, 403, 404, 400, 403],
    )
    await expectConforming(
      [
        call(
          '/self-service/login',
          action,
          { method: 'POST', json: { ...body, csrf_token: csrfTokenOf(flow.res.json()) } },
          jar,
        ),
        call('/self-service/login', apiAction, { method: 'POST', json: body }),
        call('/self-service/login/api', `${d.publicUrl}/self-service/login/api`, {
          headers: { 'x-session-token': (await d.createSession(identityId)).token },
        }),
      ],
      [200, 200, 400],
    )
    const plain = new Jar()
    const res = await browserLogin(d.publicUrl, plain, user, { json: false })
    expect(verify('/self-service/login', 'POST', res)).toEqual([])
    expect(res.status).toBe(303)
  })

  it('expired flows answer 410', async () => {
    const e = await startKratosDouble({ flowLifespan: '1ns' })
    try {
      const flow = (await new Jar().fetch(`${e.publicUrl}/self-service/login/api`)).json()
      await new Promise((r) => setTimeout(r, 5))
      await expectConforming(
        [
          call(
            '/self-service/login/flows',
            `${e.publicUrl}/self-service/login/flows?id=${String(flow['id'])}`,
          ),
          call(
            '/self-service/login',
            `${e.publicUrl}/self-service/login?flow=${String(flow['id'])}`,
            { method: 'POST', json: { method: 'password' } },
          ),
        ],
        [410, 410],
      )
    } finally {
      await e.close()
    }
  })

  it('registration', async () => {
    const jar = new Jar()
    const flow = await call(
      '/self-service/registration/browser',
      `${d.publicUrl}/self-service/registration/browser`,
      json,
      jar,
    )
    const id = String(flow.res.json()['id'])
    const api = (
      await call('/self-service/registration/api', `${d.publicUrl}/self-service/registration/api`)
    ).res.json()
    const submit = (email: string) => ({
      method: 'password',
      password: 'long enough pw',
      traits: { email },
    })
    await expectConforming(
      [
        Promise.resolve(flow),
        call(
          '/self-service/registration/browser',
          `${d.publicUrl}/self-service/registration/browser`,
        ),
        call(
          '/self-service/registration/flows',
          `${d.publicUrl}/self-service/registration/flows?id=${id}`,
          {},
          jar,
        ),
        call(
          '/self-service/registration',
          `${d.publicUrl}/self-service/registration?flow=${String(api['id'])}`,
          { method: 'POST', json: submit(user.email) },
        ),
      ],
      [200, 303, 200, 400],
    )
    await expectConforming(
      [
        call(
          '/self-service/registration',
          `${d.publicUrl}/self-service/registration?flow=${String(api['id'])}`,
          { method: 'POST', json: submit('api@example.test') },
        ),
        call(
          '/self-service/registration',
          `${d.publicUrl}/self-service/registration?flow=${id}`,
          {
            method: 'POST',
            json: { ...submit('browser@example.test'), csrf_token: csrfTokenOf(flow.res.json()) },
          },
          jar,
        ),
        call('/self-service/registration/api', `${d.publicUrl}/self-service/registration/api`, {
          headers: { 'x-session-token': (await d.createSession(identityId)).token },
        }),
      ],
      [200, 200, 400],
    )
  })

  it('settings', async () => {
    const fresh = await d.createSession(identityId)
    const stale = await d.createSession(identityId, {
      authenticatedAt: new Date(Date.now() - 7200_000),
    })
    const headers = (token: string) => ({ 'x-session-token': token, accept: 'application/json' })
    const flow = (
      await call('/self-service/settings/api', `${d.publicUrl}/self-service/settings/api`, {
        headers: headers(fresh.token),
      })
    ).res.json()
    const staleFlow = (
      await new Jar().fetch(`${d.publicUrl}/self-service/settings/api`, {
        headers: headers(stale.token),
      })
    ).json()
    const change = { method: 'password', password: 'a new long password' }
    await expectConforming(
      [
        call('/self-service/settings/api', `${d.publicUrl}/self-service/settings/api`, json),
        call('/self-service/settings/browser', `${d.publicUrl}/self-service/settings/browser`, {
          headers: headers(fresh.token),
        }),
        call(
          '/self-service/settings/browser',
          `${d.publicUrl}/self-service/settings/browser`,
          json,
        ),
        call(
          '/self-service/settings/flows',
          `${d.publicUrl}/self-service/settings/flows?id=${String(flow['id'])}`,
          { headers: headers(fresh.token) },
        ),
        call(
          '/self-service/settings/flows',
          `${d.publicUrl}/self-service/settings/flows?id=${String(flow['id'])}`,
          json,
        ),
        call(
          '/self-service/settings',
          `${d.publicUrl}/self-service/settings?flow=${String(staleFlow['id'])}`,
          { method: 'POST', headers: headers(stale.token), json: change },
        ),
        call(
          '/self-service/settings',
          `${d.publicUrl}/self-service/settings?flow=${String(flow['id'])}`,
          {
            method: 'POST',
            headers: headers(fresh.token),
            json: { method: 'password', password: 'x' },
          },
        ),
      ],
      [401, 200, 401, 200, 401, 403, 400],
    )
    await expectConforming(
      [
        call(
          '/self-service/settings',
          `${d.publicUrl}/self-service/settings?flow=${String(flow['id'])}`,
          { method: 'POST', headers: headers(fresh.token), json: change },
        ),
      ],
      [200],
    )
  })
})

describe('logout', () => {
  it('browser and API logout', async () => {
    const s = await d.createSession(identityId)
    const api = await d.createSession(identityId)
    const cookie = { headers: { cookie: s.cookie, accept: 'application/json' } }
    const del = (body: unknown) => ({ method: 'DELETE', json: body })
    await expectConforming(
      [
        call('/self-service/logout/browser', `${d.publicUrl}/self-service/logout/browser`, cookie),
        call('/self-service/logout/browser', `${d.publicUrl}/self-service/logout/browser`, json),
        call(
          '/self-service/logout',
          `${d.publicUrl}/self-service/logout?token=ory_lo_wrong`,
          cookie,
        ),
        call('/self-service/logout/api', `${d.publicUrl}/self-service/logout/api`, del({})),
        call(
          '/self-service/logout/api',
          `${d.publicUrl}/self-service/logout/api`,
          del({ session_token: 'ory_st_unknown' }),
        ),
        call(
          '/self-service/logout/api',
          `${d.publicUrl}/self-service/logout/api`,
          del({ session_token: api.token }),
        ),
      ],
      [200, 401, 403, 400, 403, 204],
    )
    const plain = await d.createSession(identityId)
    await expectConforming(
      [
        call(
          '/self-service/logout',
          `${d.publicUrl}/self-service/logout?token=${s.logoutToken}`,
          cookie,
        ),
        call(
          '/self-service/logout',
          `${d.publicUrl}/self-service/logout?token=${plain.logoutToken}`,
          { headers: { cookie: plain.cookie } },
        ),
      ],
      [204, 303],
    )
  })
})

describe('admin endpoints', () => {
  it('identities, sessions, extend, version and health', async () => {
    const created = await call('/admin/identities', `${d.adminUrl}/admin/identities`, {
      method: 'POST',
      json: {
        schema_id: 'default',
        traits: { email: 'admin-made@example.test' },
        credentials: { password: { config: { password: 'long enough pw' } } },
      },
    })
    const id = String(created.res.json()['id'])
    const s = await d.createSession(id)
    const unknown = crypto.randomUUID()
    const fast = await startKratosDouble({ fasterSessionExtend: true })
    const fastSession = await fast.createSession(
      (await fast.createIdentity({ email: 'f@example.test', password: 'pw-pw-pw-pw' })).id,
    )
    try {
      await expectConforming(
        [
          Promise.resolve(created),
          call('/admin/identities', `${d.adminUrl}/admin/identities`, {
            method: 'POST',
            json: { schema_id: 'default', traits: { email: user.email } },
          }),
          call('/admin/identities', `${d.adminUrl}/admin/identities`),
          call('/admin/identities/{id}', `${d.adminUrl}/admin/identities/${id}`),
          call('/admin/identities/{id}', `${d.adminUrl}/admin/identities/${unknown}`),
          call('/admin/sessions', `${d.adminUrl}/admin/sessions?active=true&expand=identity`),
          call('/admin/sessions/{id}', `${d.adminUrl}/admin/sessions/${s.id}`),
          call('/admin/sessions/{id}', `${d.adminUrl}/admin/sessions/nope`),
          call('/admin/sessions/{id}', `${d.adminUrl}/admin/sessions/${unknown}`),
          call('/admin/sessions/{id}/extend', `${d.adminUrl}/admin/sessions/${s.id}/extend`, {
            method: 'PATCH',
          }),
          call('/admin/sessions/{id}/extend', `${d.adminUrl}/admin/sessions/${unknown}/extend`, {
            method: 'PATCH',
          }),
          call(
            '/admin/sessions/{id}/extend',
            `${fast.adminUrl}/admin/sessions/${fastSession.id}/extend`,
            { method: 'PATCH' },
          ),
          call('/admin/identities/{id}/sessions', `${d.adminUrl}/admin/identities/${id}/sessions`),
          call(
            '/admin/identities/{id}/sessions',
            `${d.adminUrl}/admin/identities/${id}/sessions?active=true&page_size=1`,
          ),
          call(
            '/admin/identities/{id}/sessions',
            `${d.adminUrl}/admin/identities/${id}/sessions?active=maybe`,
          ),
          call('/version', `${d.adminUrl}/admin/version`),
          call('/health/alive', `${d.publicUrl}/health/alive`),
          call('/health/ready', `${d.adminUrl}/admin/health/ready`),
        ],
        [201, 409, 200, 200, 404, 200, 200, 400, 404, 200, 404, 204, 200, 200, 400, 200, 200, 200],
      )
      await expectConforming(
        [
          call('/admin/sessions/{id}', `${d.adminUrl}/admin/sessions/${s.id}`, {
            method: 'DELETE',
          }),
          call('/admin/sessions/{id}', `${d.adminUrl}/admin/sessions/${unknown}`, {
            method: 'DELETE',
          }),
          call('/admin/identities/{id}/sessions', `${d.adminUrl}/admin/identities/${id}/sessions`, {
            method: 'DELETE',
          }),
          call('/admin/identities/{id}', `${d.adminUrl}/admin/identities/${id}`, {
            method: 'DELETE',
          }),
          call('/admin/identities/{id}', `${d.adminUrl}/admin/identities/${id}`, {
            method: 'DELETE',
          }),
        ],
        [204, 404, 204, 204, 404],
      )
    } finally {
      await fast.close()
    }
  })
})

describe('the contract itself', () => {
  it('rejects bodies that break the schema, so passing means something', () => {
    const session = contract.validator('/sessions/whoami', 'GET', 200)
    const error = contract.validator('/sessions/whoami', 'GET', 401)
    if (typeof session !== 'function' || typeof error !== 'function')
      throw new Error('no validator')
    expect(session({ id: crypto.randomUUID(), active: 'yes' })).toBe(false)
    expect(session({ active: true })).toBe(false)
    expect(session({ id: crypto.randomUUID(), authenticator_assurance_level: 'aal9' })).toBe(false)
    expect(error({ error: { code: 401 } })).toBe(false)
    expect(contract.validator('/sessions/{id}', 'DELETE', 204)).toBe('empty')
    expect(contract.validator('/self-service/logout/browser', 'GET', 418)).toBeUndefined()
  })
})

describe('coverage', () => {
  it('checked every endpoint the double serves', () => {
    const served = [
      'GET /sessions/whoami', 'GET /sessions', 'DELETE /sessions', 'DELETE /sessions/{id}',
      'GET /self-service/login/browser', 'GET /self-service/login/api', 'GET /self-service/login/flows', 'POST /self-service/login',
      'GET /self-service/registration/browser', 'GET /self-service/registration/api', 'GET /self-service/registration/flows', 'POST /self-service/registration',
      'GET /self-service/settings/browser', 'GET /self-service/settings/api', 'GET /self-service/settings/flows', 'POST /self-service/settings',
      'GET /self-service/logout/browser', 'GET /self-service/logout', 'DELETE /self-service/logout/api',
      'POST /admin/identities', 'GET /admin/identities', 'GET /admin/identities/{id}', 'DELETE /admin/identities/{id}',
      'GET /admin/sessions', 'GET /admin/sessions/{id}', 'DELETE /admin/sessions/{id}', 'PATCH /admin/sessions/{id}/extend',
      'GET /admin/identities/{id}/sessions', 'DELETE /admin/identities/{id}/sessions',
      'GET /version', 'GET /health/alive', 'GET /health/ready',
    ] // prettier-ignore
    expect(served.filter((e) => !checked.has(e))).toEqual([])
  })
})
