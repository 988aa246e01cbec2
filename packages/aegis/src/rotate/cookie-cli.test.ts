import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAegis } from '../../../../test/support/cli.ts'
import { parseCookieArg, redactToken } from './inspect.ts'
import { encodeSessionCookie } from './securecookie.ts'

const token = 'ory_st_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ'
const values = { session_token: token, expires_at: '2026-11-28T10:00:00Z', nonce: 'QwErTyUi' }
const newer = 'the-newest-cookie-secret-0123456789'
const older = 'the-older-cookie-secret-9876543210'
const issued = new Date('2026-11-27T10:00:00Z')

describe('cookie arguments and redaction', () => {
  it('splits name=value but keeps a bare padded value whole', () => {
    expect(parseCookieArg('ory_kratos_session=MTIz==')).toEqual({
      name: 'ory_kratos_session',
      value: 'MTIz==',
    })
    expect(parseCookieArg('MTIzNA==')).toEqual({ name: null, value: 'MTIzNA==' })
  })

  it('keeps only the kind and length of a token', () => {
    expect(redactToken(token)).toBe('ory_st_[redacted: 39 chars]')
    expect(redactToken('secret')).toBe('[redacted: 6 chars]')
  })
})

describe('aegis cookie inspect', () => {
  const cookie = encodeSessionCookie({
    name: 'ory_kratos_session',
    secret: older,
    values,
    now: issued,
  })
  const at = '2026-11-27T12:00:00Z'

  it('decodes with the secret list, says which secret, and never prints the token', async () => {
    const secrets = JSON.stringify([newer, older])
    const r = await runAegis([
      'cookie',
      'inspect',
      `ory_kratos_session=${cookie}`,
      '--secrets',
      secrets,
      '--at',
      at,
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/decoded by\s+--secrets\[1\] \(of 2\)/)
    expect(r.stdout).toMatch(/issued\s+2026-11-27T10:00:00.000Z/)
    expect(r.stdout).toMatch(/expires_at\s+2026-11-28T10:00:00Z/)
    expect(r.stdout).toMatch(/nonce\s+QwErTyUi/)
    expect(r.stdout).toContain('ory_st_[redacted: 39 chars]')
    expect(r.stdout).not.toContain(token)
    expect(r.stdout).not.toContain(older)
  })

  it('reads secrets, cookie name and codec max age from a Kratos config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aegis-cookie-'))
    const config = [
      'session:',
      '  lifespan: 1h',
      '  cookie:',
      '    name: my_session',
      'secrets:',
      `  cookie: ["${newer}", "${older}"]`,
      '',
    ].join('\n')
    await writeFile(join(dir, 'kratos.yml'), config)
    const mine = encodeSessionCookie({ name: 'my_session', secret: newer, values, now: issued })
    const ok = await runAegis(
      [
        'cookie',
        'inspect',
        mine,
        '--secrets-from',
        'kratos.yml',
        '--at',
        '2026-11-27T10:30:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    )
    expect(ok.code).toBe(0)
    const json = JSON.parse(ok.stdout) as Record<string, unknown>
    expect(json).toMatchObject({
      cookie: 'my_session',
      decoded: true,
      secret: 'secrets.cookie[0] (of 2)',
    })
    expect(ok.stdout).not.toContain(token)
    // persistent (default) → the codec's max age is the lifespan, 1h (FACTS.md §4.1).
    const late = await runAegis(
      ['cookie', 'inspect', mine, '--secrets-from', 'kratos.yml', '--at', '2026-11-27T11:30:01Z'],
      { cwd: dir },
    )
    expect(late.code).toBe(1)
    expect(late.stdout).toMatch(/not decodable: expired timestamp \(expired\)/)
  }, 60_000)

  it('exits 1 and names the reason when no secret verifies the cookie', async () => {
    const r = await runAegis(['cookie', 'inspect', cookie, '--secrets', newer, '--at', at])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/mac-invalid/)
    expect(r.stdout).not.toContain(newer)
  })

  it('reads the array from an env var as Kratos does (JSON, else CSV)', async () => {
    const r = await runAegis(
      ['cookie', 'inspect', cookie, '--secrets-env', 'SECRETS_COOKIE', '--at', at],
      { env: { SECRETS_COOKIE: `${newer},${older}` } },
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/SECRETS_COOKIE\[1\]/)
  })

  it('refuses to run without secrets (usage error, exit 2)', async () => {
    const r = await runAegis(['cookie', 'inspect', cookie])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('AEGIS_USAGE')
  })
})
