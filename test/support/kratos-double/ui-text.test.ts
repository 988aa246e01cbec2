// Every UI text the double emits (node labels and flow messages) carries a real Kratos id with
// Kratos' own text (ui-text.ts, cited to text/id.go and text/message_*.go at FACTS.md §0's commit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKratosDouble, type KratosDouble } from './index.ts'
import { csrfTokenOf, Jar } from './jar.ts'
import { kratosTextIds, labels, messages, settingsSaved, type UiText } from './ui-text.ts'

const email = 'ui@example.test'
const password = 'correct horse 1'
const realIds = new Set<number>(Object.values(kratosTextIds))

/** Every `{ id: number, text: string, type }` object anywhere in a flow body. */
const uiTexts = (value: unknown, found: UiText[] = []): UiText[] => {
  if (Array.isArray(value)) for (const v of value) uiTexts(v, found)
  else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>
    if (typeof o['id'] === 'number' && typeof o['text'] === 'string')
      found.push({ id: o['id'], text: o['text'], type: o['type'] as UiText['type'] })
    for (const v of Object.values(o)) uiTexts(v, found)
  }
  return found
}

describe('the id table', () => {
  it('holds Kratos ids: unique, in Kratos ranges, with the anchors text/id.go spells out', () => {
    const values = Object.values(kratosTextIds)
    expect(new Set(values).size).toBe(values.length)
    for (const id of values) expect(id).toBeGreaterThanOrEqual(1_010_000)
    for (const id of values) expect(id).toBeLessThan(6_000_000)
    // The comments in text/id.go name these numbers; an off-by-one in the iota expansion moves them.
    expect(kratosTextIds.InfoSelfServiceLoginCodeSentForAuthenticatedUser).toBe(1_010_025)
    expect(kratosTextIds.InfoNodeLabelEmailOrPhone).toBe(1_070_018)
    expect(kratosTextIds.ErrorValidationInvalidCredentials).toBe(4_000_006)
    expect(kratosTextIds.ErrorValidationDuplicateCredentials).toBe(4_000_007)
    expect(kratosTextIds.ErrorValidationIdentityDisabled).toBe(4_010_011)
    expect(kratosTextIds.ErrorValidationVerificationCodeInvalidOrAlreadyUsed).toBe(4_070_006)
    expect(kratosTextIds.ErrorSystemOrganizationNoSSOProvidersAvailable).toBe(5_000_003)
  })

  it('gives every text the double can emit a real id', () => {
    const all: UiText[] = [
      ...Object.values(labels).map((l) => (typeof l === 'function' ? l('E-Mail') : l)),
      ...Object.values(messages).map((m) =>
        typeof m === 'function' ? (m as (...a: never[]) => UiText)() : m,
      ),
      messages.required('password'),
      messages.passwordMinLength(8, 3),
      messages.apiFlowFromBrowser(true),
      messages.apiFlowFromBrowser(false),
      settingsSaved,
    ]
    for (const t of all) expect(realIds.has(t.id), `${t.id} ${t.text}`).toBe(true)
  })
})

describe('what the double emits over HTTP', () => {
  let d: KratosDouble
  let token: string
  let totpToken: string
  const emitted: UiText[] = []

  const json = async (res: Response): Promise<unknown> => {
    const body: unknown = await res.json()
    emitted.push(...uiTexts(body))
    return body
  }
  const flowMessages = (body: unknown): UiText[] =>
    ((body as { ui?: { messages?: UiText[] } }).ui?.messages ?? []).map((m) => ({ ...m }))

  const apiFlow = async (kind: string, headers: Record<string, string> = {}, query = '') =>
    (await json(await fetch(`${d.publicUrl}/self-service/${kind}/api${query}`, { headers }))) as {
      id: string
    }
  const submit = async (
    kind: string,
    flowId: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${d.publicUrl}/self-service/${kind}?flow=${flowId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: await json(res) }
  }
  const login = async () => {
    const flow = await apiFlow('login')
    const { body } = await submit('login', flow.id, {
      method: 'password',
      identifier: email,
      password,
    })
    return (body as { session_token: string }).session_token
  }

  beforeAll(async () => {
    d = await startKratosDouble()
    await d.createIdentity({ email, password })
    await d.createIdentity({ email: 'totp@example.test', password, totp: true })
    token = await login()
    const flow = await apiFlow('login')
    totpToken = (
      (
        await submit('login', flow.id, {
          method: 'password',
          identifier: 'totp@example.test',
          password,
        })
      ).body as { session_token: string }
    ).session_token
  })
  afterAll(() => d.close())

  it('login: labels, wrong credentials, a wrong TOTP code, an API flow sent by a browser', async () => {
    const flow = await apiFlow('login')
    const wrong = await submit('login', flow.id, {
      method: 'password',
      identifier: email,
      password: 'nope',
    })
    expect(wrong.status).toBe(400)
    expect(flowMessages(wrong.body)).toEqual([messages.invalidCredentials])
    const aal2 = await apiFlow('login', { 'x-session-token': totpToken }, '?aal=aal2')
    const totp = await submit(
      'login',
      aal2.id,
      { method: 'totp', totp_code: '000000' },
      { 'x-session-token': totpToken },
    )
    expect(flowMessages(totp.body)).toEqual([messages.totpWrong])
    const fromOrigin = await submit(
      'login',
      (await apiFlow('login')).id,
      { method: 'password', identifier: email, password },
      { origin: 'https://app.example.test' },
    )
    expect(flowMessages(fromOrigin.body)).toEqual([messages.apiFlowFromBrowser(true)])
    expect(flowMessages(fromOrigin.body)[0]?.id).toBe(4_000_001)
    const withCookie = await submit(
      'login',
      (await apiFlow('login')).id,
      { method: 'password', identifier: email, password },
      { cookie: 'session=x; __cf_bm=y' },
    )
    expect(flowMessages(withCookie.body)[0]?.text).toContain('included the "Cookie" key')
  })

  it('registration: missing password, missing email, short password, duplicate identifier', async () => {
    const cases: [Record<string, unknown>, UiText][] = [
      [{ traits: { email: 'new@example.test' }, password: '' }, messages.required('password')],
      [{ traits: {}, password }, messages.required('email')],
      [
        { traits: { email: 'new@example.test' }, password: 'short' },
        messages.passwordMinLength(8, 5),
      ],
      [{ traits: { email }, password }, messages.duplicateCredentials],
    ]
    for (const [body, expected] of cases) {
      const flow = await apiFlow('registration')
      const res = await submit('registration', flow.id, { method: 'password', ...body })
      expect(res.status).toBe(400)
      expect(flowMessages(res.body)).toEqual([expected])
    }
    expect(messages.passwordMinLength(8, 5).text).toBe(
      'The password must be at least 8 characters long, but got 5.',
    )
  })

  it('settings: no strategy, missing and short password, then saved', async () => {
    const headers = { 'x-session-token': token }
    const cases: [Record<string, unknown>, UiText][] = [
      [{ method: 'profile', password }, messages.settingsNoStrategy],
      [{ method: 'password', password: '' }, messages.required('password')],
      [{ method: 'password', password: 'abc' }, messages.passwordMinLength(8, 3)],
    ]
    for (const [body, expected] of cases) {
      const flow = await apiFlow('settings', headers)
      const res = await submit('settings', flow.id, body, headers)
      expect(res.status).toBe(400)
      expect(flowMessages(res.body)).toEqual([expected])
    }
    const flow = await apiFlow('settings', headers)
    const saved = await submit('settings', flow.id, { method: 'password', password }, headers)
    expect(saved.status).toBe(200)
    expect(flowMessages(saved.body)).toEqual([settingsSaved])
  })

  it('browser flows label their nodes with Kratos ids and texts', async () => {
    const jar = new Jar()
    for (const kind of ['login', 'registration']) {
      const res = await jar.fetch(`${d.publicUrl}/self-service/${kind}/browser`, {
        headers: { accept: 'application/json' },
      })
      const body = res.json()
      expect(csrfTokenOf(body)).toBeTruthy()
      emitted.push(...uiTexts(body))
    }
    const texts = emitted.map((t) => `${t.id} ${t.text}`)
    expect(texts).toEqual(
      expect.arrayContaining([
        '1070004 ID',
        '1070001 Password',
        '1010001 Sign in',
        '1070002 E-Mail',
        '1040001 Sign up',
        '1070003 Save',
        '1010006 Authentication code',
        '1010009 Use Authenticator',
      ]),
    )
  })

  it('emitted nothing but real Kratos ids (every response above)', () => {
    expect(emitted.length).toBeGreaterThan(20)
    const unknown = emitted.filter((t) => !realIds.has(t.id)).map((t) => `${t.id} ${t.text}`)
    expect(unknown).toEqual([])
  })
})
