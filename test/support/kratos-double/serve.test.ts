// The standalone launcher used by the demo: flags map to options, and `serve.mjs` really serves.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { optionsFromArgs } from './serve.ts'

describe('serve flags', () => {
  it('maps flags to DoubleOptions and refuses unknown weaknesses', () => {
    const { options, identities, json } = optionsFromArgs([
      '--dev', '--lifespan', '720h', '--same-site', 'None', '--secure', 'false', '--secret', 'a-secret-of-16-chars',
      '--cors', '--weakness', 'cookieNotHttpOnly', '--weakness', 'openRedirect', '--identity', 'a@b.test:pw', '--json',
    ]) // prettier-ignore
    expect(options).toMatchObject({
      dev: true,
      lifespan: '720h',
      cookie: { sameSite: 'None', secure: 'false' },
      secrets: { cookie: ['a-secret-of-16-chars'] },
      cors: { enabled: true, allowedOrigins: ['*'] },
      weaknesses: { cookieNotHttpOnly: true, openRedirect: true },
    })
    expect([identities, json]).toEqual([['a@b.test:pw'], true])
    expect(
      Object.keys(optionsFromArgs(['--all-weaknesses']).options.weaknesses ?? {}).length,
    ).toBeGreaterThan(15)
    expect(() => optionsFromArgs(['--weakness', 'nope'])).toThrow(/unknown weakness: nope/)
  })
})

describe('serve.mjs', () => {
  it('compiles when needed, prints its URLs and answers like Kratos until SIGTERM', async () => {
    const script = fileURLToPath(new URL('serve.mjs', import.meta.url))
    const child = spawn(
      process.execPath,
      [script, '--json', '--identity', 'ada@example.test:pw-pw-pw-pw'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    const [line] = (await once(child.stdout.setEncoding('utf8'), 'data')) as [string]
    const { publicUrl, adminUrl } = JSON.parse(line) as { publicUrl: string; adminUrl: string }
    expect((await fetch(`${publicUrl}/sessions/whoami`)).status).toBe(401)
    const identities = (await (await fetch(`${adminUrl}/admin/identities`)).json()) as unknown[]
    expect(identities).toHaveLength(1)
    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
  }, 120_000)
})
