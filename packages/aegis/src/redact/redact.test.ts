import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { allKeys } from '../kratos/keys.ts'
import { kratosVersions } from '../kratos/types.ts'
import { encodedForms } from './encodings.ts'
import { isPlainEnvName, isSecretEnvName, isSecretPath } from './keys.ts'
import { KnownValues } from './known-values.ts'
import { enclosingKeys, maskLine, redactInline } from './lines.ts'
import { redactPatterns } from './patterns.ts'
import { REDACTED, redactedWith } from './placeholder.ts'
import { Redactor } from './redactor.ts'
import { redactorFor, redactValue, secretValues } from './view.ts'

describe('known values', () => {
  it('replaces every occurrence in one pass, overlapping values as one span labelled by the longest', () => {
    const k = new KnownValues()
    k.add('abc', '[short]')
    k.add('abcdef', '[long]')
    k.add('efgh', '[other]')
    expect(k.replace('x abcdef y abc z')).toBe('x [long] y [short] z')
    // 'abcdef' and 'efgh' overlap in 'abcdefgh': one placeholder, the longer value's label.
    expect(k.replace('abcdefgh')).toBe('[long]')
    expect(k.replace('nothing here')).toBe('nothing here')
    expect(k.replace('')).toBe('')
  })

  it('finds a value that is a suffix of a partial match (the failure links)', () => {
    const k = new KnownValues()
    k.add('aab', REDACTED)
    k.add('ab', REDACTED)
    expect(k.replace('aaab')).toBe(`a${REDACTED}`)
    expect(k.replace('abab')).toBe(REDACTED)
  })

  it('keeps the first label of a value added twice and rebuilds after an addition', () => {
    const k = new KnownValues()
    k.add('secret-one', '[1]')
    expect(k.replace('secret-one secret-two')).toBe('[1] secret-two')
    k.add('secret-one', '[again]')
    k.add('secret-two', '[2]')
    expect(k.replace('secret-one secret-two')).toBe('[1] [2]')
  })
})

describe('encodings', () => {
  it('lists base64 (unpadded: a padded form matches it), base64url, percent, form and JSON forms', () => {
    const s = 'p@ss w/"rd+é~long'
    const forms = encodedForms(s)
    expect(forms[0]).toBe(s)
    for (const f of [
      Buffer.from(s).toString('base64').replace(/=+$/, ''),
      Buffer.from(s).toString('base64url'),
      encodeURIComponent(s),
      new URLSearchParams({ v: s }).toString().slice(2),
      JSON.stringify(s).slice(1, -1),
    ])
      expect(forms).toContain(f)
  })

  it('hides a secret base64-encoded inside a longer value at any byte offset', () => {
    const secret = 'CANARY-default-secret-9a8b7c6d5e4f'
    for (const before of ['', 'a', 'ab', 'abc', 'SECRETS_DEFAULT=']) {
      const blob = Buffer.from(`${before}${secret}\n--tail--`).toString('base64')
      const r = new Redactor()
      r.remember(secret)
      const out = r.text(`data: ${blob}`)
      expect(out).toContain(REDACTED)
      // What remains of the blob around the placeholder decodes to at most two bytes of the secret.
      for (const piece of out.split(REDACTED)) {
        const decoded = Buffer.from(piece.replace(/^data: /, ''), 'base64').toString('latin1')
        expect(decoded).not.toContain(secret.slice(0, 3))
        expect(decoded).not.toContain(secret.slice(10, 13))
      }
    }
  })
  it('takes a secret with a lone surrogate (a YAML "\\udc00" escape) without throwing', () => {
    // encodeURIComponent throws "URI malformed" on one; audit reported that as an internal error.
    const secret = `\udc00${'a'.repeat(40)}\ud800`
    expect(encodedForms(secret)).toContain(`%EF%BF%BD${'a'.repeat(40)}%EF%BF%BD`)
    const r = new Redactor()
    r.remember(secret)
    expect(r.text(`cookie secret ${secret} and ${JSON.stringify(secret)}`)).toBe(
      `cookie secret ${REDACTED} and "${REDACTED}"`,
    )
  })
})

describe('patterns', () => {
  it('keeps the kind prefix of Kratos and Hydra tokens and leaves cookie names alone', () => {
    expect(redactPatterns('see ory_st_abcDEF1234567890 and ory_lo_ZZZZZZZZZZZZ')).toBe(
      'see ory_st_[redacted] and ory_lo_[redacted]',
    )
    expect(redactPatterns('ory_at_abcdefghijk.sigsigsigsig')).toBe('ory_at_[redacted]')
    expect(redactPatterns('cookie name ory_kratos_session, ory_kratos_continuity')).toBe(
      'cookie name ory_kratos_session, ory_kratos_continuity',
    )
  })

  it('masks URL passwords, also ones holding @, and keeps user, host and query', () => {
    expect(redactPatterns('postgres://kratos:p@ss@db:5432/k?sslmode=require')).toBe(
      'postgres://kratos:[redacted]@db:5432/k?sslmode=require',
    )
    expect(redactPatterns('mysql://u:pw@tcp(mysqld:3306)/db')).toBe(
      'mysql://u:[redacted]@tcp(mysqld:3306)/db',
    )
    expect(redactPatterns('http://localhost:4433/self-service')).toBe(
      'http://localhost:4433/self-service',
    )
  })

  it('masks JWTs, base64:// key material, PEM keys and credential query parameters', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----'
    const out = redactPatterns(
      `x ${jwt} base64://eyJrZXlzIjpbXX0= ${pem} db?user=a&password=p4ss&x=1 /logout?token=abc`,
    )
    for (const secret of ['c2lnbmF0dXJl', 'eyJrZXlzIjpbXX0', 'MIIEvQ', 'p4ss', 'token=abc'])
      expect(out).not.toContain(secret)
    expect(out).toContain('&x=1')
    expect(out).toContain('base64://[redacted]')
  })

  it('masks header lines, Kratos cookies, JSON credentials and UI node values', () => {
    expect(redactPatterns('Cookie: a=1; ory_kratos_session=xyz')).toBe(
      'Cookie: a=[redacted]; ory_kratos_session=[redacted]',
    )
    expect(redactPatterns('set-cookie: s=v; Path=/; HttpOnly')).toBe(
      'set-cookie: s=[redacted]; Path=/; HttpOnly',
    )
    expect(redactPatterns('GET / Cookie: ory_kratos_session=MTIzNDU2')).toBe(
      'GET / Cookie: ory_kratos_session=[redacted]',
    )
    expect(redactPatterns('authorization: Bearer abc')).toBe('authorization: [redacted]')
    expect(redactPatterns('{"session_token":"tok","password":"pw","code":"123456","id":"1"}')).toBe(
      '{"session_token":"[redacted]","password":"[redacted]","code":"[redacted]","id":"1"}',
    )
    expect(
      redactPatterns('{"attributes":{"name":"csrf_token","type":"hidden","value":"c5rf"}}'),
    ).toBe('{"attributes":{"name":"csrf_token","type":"hidden","value":"[redacted]"}}')
    // Evidence is cut at 300 characters: a value cut short is still masked.
    expect(redactPatterns('{"csrf_token":"abcdef')).toBe('{"csrf_token":"[redacted]')
  })

  it('leaves prose about cookies and headers alone', () => {
    const prose =
      'session cookie: SameSite=Lax; Kratos logs Cookie, Set-Cookie, Authorization and X-Session-Token headers'
    expect(redactPatterns(prose)).toBe(prose)
  })

  it('masks long opaque strings only when asked (network text)', () => {
    const blob =
      'MTcwMDAwMDAwMHxEdi1CQkFFQ180SUFBUkFCRUFBQVhfLUNBQUlHYzNSeWFXNW5EQThBRFhObGMzTnBiMjVmZEc5clpXNEdjM1J5'
    expect(redactPatterns(`v=${blob}`)).toBe(`v=${blob}`)
    expect(redactPatterns(`v=${blob}`, { opaque: true })).toBe('v=[redacted]')
  })
})

describe('redactor', () => {
  it('masks remembered values in every encoding, shown with their label', () => {
    const r = new Redactor()
    const secret = 'CANARY-cookie-secret-7f3a9c1d2e4b5a6f'
    r.remember(secret, redactedWith('sha256:abc'))
    const text = [
      secret,
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      encodeURIComponent(`x ${secret}`),
    ].join(' | ')
    // Base64 padding carries no bit of the secret and may stay.
    expect(r.text(text)).toBe(
      '[redacted: sha256:abc] | [redacted: sha256:abc]== | [redacted: sha256:abc] | x%20[redacted: sha256:abc]',
    )
  })

  it('ignores values below the minimum length, so short words in prose survive', () => {
    const r = new Redactor()
    r.remember('secret')
    expect(r.text('secrets.cookie is set')).toBe('secrets.cookie is set')
    const probe = new Redactor({ minLength: 6 })
    probe.remember('abc123')
    expect(probe.text('pw abc123')).toBe(`pw ${REDACTED}`)
  })

  it('redacts header values as evidence shows them', () => {
    const r = new Redactor()
    r.remember('session-cookie-value-1234')
    expect(r.header('Cookie', 'a=1; b=2')).toBe('a=[redacted]; b=[redacted]')
    expect(r.header('set-cookie', 'ory_kratos_session=v; Domain=example.com; Secure')).toBe(
      'ory_kratos_session=[redacted]; Domain=example.com; Secure',
    )
    expect(r.header('X-Session-Token', 'ory_st_x')).toBe(REDACTED)
    expect(r.header('Authorization', 'Bearer x')).toBe(REDACTED)
    expect(r.header('location', '/ui?x=session-cookie-value-1234')).toBe('/ui?x=[redacted]')
  })
})

describe('secret-bearing keys', () => {
  it('covers every key the Kratos model marks secret, in every version, and nothing ordinary', () => {
    for (const version of kratosVersions) {
      for (const spec of allKeys(version)) {
        const concrete = spec.path.replace(/(^|\.)#(?=\.|$)/g, '$10').replace(/\*/g, 'X-Name')
        if (spec.secret === true) expect(isSecretPath(concrete), concrete).toBe(true)
      }
    }
    for (const path of [
      'session.lifespan',
      'session.cookie.name',
      'serve.public.base_url',
      'serve.public.tls.cert.base64',
      'cookies.same_site',
      'selfservice.default_browser_return_url',
    ])
      expect(isSecretPath(path), path).toBe(false)
  })

  it('matches relative paths (Helm values) and names that mean secret', () => {
    expect(isSecretPath('kratos.config.secrets.cookie.0')).toBe(true)
    expect(isSecretPath(['kratos', 'config', 'dsn'])).toBe(true)
    expect(isSecretPath('data.secretsCookie')).toBe(true)
    expect(isSecretPath('stringData.smtpConnectionURI')).toBe(true)
    expect(isSecretPath('x.my_api_key')).toBe(true)
    expect(isSecretPath('session.whoami.tokenizer.templates.a.ttl')).toBe(false)
  })

  it('reads the method names password and lookup_secret as names, not secrets (QA M14, L6)', () => {
    for (const path of [
      'selfservice.flows.registration.after.password.hooks.0.hook',
      'selfservice.flows.settings.after.lookup_secret.hooks.0.hook',
      'selfservice.methods.password.enabled',
      'selfservice.methods.password.config.migrate_hook.config.method',
      'selfservice.methods.lookup_secret.enabled',
      'kratos.config.selfservice.methods.password.config.haveibeenpwned_enabled',
    ])
      expect(isSecretPath(path), path).toBe(false)
    for (const path of [
      'selfservice.flows.registration.after.password.hooks.0.config.auth.config.password',
      'selfservice.flows.registration.after.password.hooks.0.config.auth.config.value',
      'x.password',
      'x.password.value',
    ])
      expect(isSecretPath(path), path).toBe(true)
  })

  it('knows environment variables by name and by the key Kratos maps them to', () => {
    for (const name of [
      'DSN',
      'SECRETS_COOKIE',
      'SECRETS_CIPHER_0',
      'COURIER_SMTP_CONNECTION_URI',
      'SERVE_PUBLIC_TLS_KEY_BASE64',
      'KRATOS_ADMIN_TOKEN',
      'POSTGRES_PASSWORD',
    ])
      expect(isSecretEnvName(name), name).toBe(true)
    for (const name of ['LOG_LEVEL', 'SERVE_PUBLIC_BASE_URL', 'DEV', 'SESSION_COOKIE_NAME'])
      expect(isSecretEnvName(name), name).toBe(false)
  })
})

describe('quoted source lines', () => {
  const lines = (text: string) => text.split('\n')

  it('masks values under secret-bearing keys, list items and block scalars included', () => {
    const src = lines(
      [
        'secrets:',
        '  cookie:',
        '    - s3cr3t-one',
        '  cipher: [s3cr3t-two]',
        'courier:',
        '  smtp:',
        '    connection_uri: smtps://u:s3cr3t-three@mail:465',
        'oidc:',
        '  client_secret: |',
        '    s3cr3t-four',
        'providers: [{id: g, client_secret: s3cr3t-five}]',
        'serve:',
        '  public:',
        '    tls:',
        '      key:',
        '        base64: s3cr3t-six',
        'session:',
        '  lifespan: 24h',
      ].join('\n'),
    )
    const masked = src.map((_, i) => maskLine(src, i)).join('\n')
    for (const s of ['one', 'two', 'three', 'four', 'five', 'six'])
      expect(masked).not.toContain(`s3cr3t-${s}`)
    expect(masked).toContain('  lifespan: 24h')
    expect(masked).toContain('    - [redacted]')
    expect(masked).toContain('providers: [{id: g, client_secret: [redacted]}]')
  })

  it('keeps method names, hook names and credential-free DSNs readable', () => {
    const src = lines(
      [
        'dsn: memory',
        'selfservice:',
        '  flows:',
        '    registration:',
        '      after:',
        '        password:',
        '          hooks:',
        '            - hook: session',
        '  methods:',
        '    password:',
        '      enabled: true',
        'courier:',
        '  smtp:',
        '    connection_uri: smtps://mailer:s3cr3t-seven@mail.example:465/',
      ].join('\n'),
    )
    const masked = src.map((_, i) => maskLine(src, i))
    expect(masked[0]).toBe('dsn: memory')
    expect(masked[7]).toBe('            - hook: session')
    expect(masked[10]).toBe('      enabled: true')
    expect(masked[13]).toContain('smtps://mailer:')
    expect(masked[13]).toContain('@mail.example:465/')
    expect(masked[13]).not.toContain('s3cr3t-seven')
  })

  it('masks env lines by name and by mapped key, and Kubernetes value pairs', () => {
    const env = lines(
      'SECRETS_COOKIE=abc123\nDSN=postgres://a:b@c/d\nSERVE_ADMIN_TLS_KEY_BASE64=LS0t\nLOG_LEVEL=debug',
    )
    expect(env.map((_, i) => maskLine(env, i))).toEqual([
      'SECRETS_COOKIE=[redacted]',
      'DSN=postgres://a:[redacted]@c/d',
      'SERVE_ADMIN_TLS_KEY_BASE64=[redacted]',
      'LOG_LEVEL=debug',
    ])
    const k8s = lines(
      'env:\n  - name: SECRETS_CIPHER\n    value: abc\n  - { name: DSN, value: "x" }',
    )
    expect(k8s.map((_, i) => maskLine(k8s, i))).toEqual([
      'env:',
      '  - name: SECRETS_CIPHER',
      '    value: [redacted]',
      '  - { name: DSN, value: [redacted] }',
    ])
    expect(enclosingKeys(k8s, 2)).toEqual(['env', 'SECRETS_CIPHER', 'name', 'value'])
    expect(redactInline('see ory_st_abcDEF123 and https://user:pw@host/x')).toBe(
      'see ory_st_[redacted] and https://user:[redacted]@host/x',
    )
  })

  it('hides every variable Kratos does not map onto a plain key, in each form, and keeps mapped ones readable', () => {
    // Misspelt secret names the name heuristic misses: Kratos ignores them, their values are data.
    const dotEnv = lines(
      [
        'COURIER_SMTP_PASS=s3cr3t-env-1',
        'SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS_0_CLIENT_SECRE=s3cr3t-env-2',
        'SERVE_PUBLIC_TLS_KEY_BASE_64=s3cr3t-env-3',
        'export courier_smtp_pass=s3cr3t-env-4',
        'WEBHOOK_URL=https://hooks.example.com/services/s3cr3t-env-5',
        'LOG_LEVEL=debug',
        'SESSION_LIFESPAN=720h',
        'SERVE_PUBLIC_CORS_ALLOWED_ORIGINS_1=https://app.example.com',
        'DEV_DISABLE_API_FLOW_ENFORCEMENT=true',
      ].join('\n'),
    )
    const compose = lines(
      [
        'services:',
        '  kratos:',
        '    environment:',
        '      - COURIER_SMTP_PASS=s3cr3t-list',
        '      - SESSION_LIFESPAN=720h',
        '  ui:',
        '    environment:',
        '      COURIER_SMTP_PASS: s3cr3t-map',
        '      LOG_LEVEL: debug',
      ].join('\n'),
    )
    const k8s = lines(
      [
        'env:',
        '  - name: COURIER_SMTP_PASS',
        '    value: "s3cr3t-k8s"',
        '  - { name: SERVE_PUBLIC_TLS_KEY_BASE_64, value: s3cr3t-flow }',
        '  - name: SESSION_LIFESPAN',
        '    value: 720h',
        '  - { name: LOG_LEVEL, value: debug }',
      ].join('\n'),
    )
    const all = [dotEnv, compose, k8s].flatMap((src) => src.map((_, i) => maskLine(src, i)))
    expect(all.filter((l) => l.includes('s3cr3t'))).toEqual([])
    expect(all).toEqual(
      expect.arrayContaining([
        'COURIER_SMTP_PASS=[redacted]',
        'WEBHOOK_URL=[redacted]',
        'LOG_LEVEL=debug',
        'SESSION_LIFESPAN=720h',
        'SERVE_PUBLIC_CORS_ALLOWED_ORIGINS_1=https://app.example.com',
        'DEV_DISABLE_API_FLOW_ENFORCEMENT=true',
        '      - SESSION_LIFESPAN=720h',
        '      LOG_LEVEL: debug',
        '    value: 720h',
        '  - { name: LOG_LEVEL, value: debug }',
      ]),
    )
    expect(isPlainEnvName('SESSION_LIFESPAN')).toBe(true)
    expect(isPlainEnvName('SECRETS_COOKIE_0')).toBe(false)
    // A variable naming an object takes JSON for its whole subtree, secrets included.
    expect(isPlainEnvName('SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS')).toBe(false)
    expect(isPlainEnvName('COURIER_SMTP')).toBe(false)
  })
})

describe('config values and views', () => {
  it('hides secret keys whole, DSN passwords inside the URL, and walks objects', () => {
    expect(redactValue('secrets.cookie', ['abcdefghijklmnopq', 'rstuvwxyz0123456'])).toEqual([
      REDACTED,
      REDACTED,
    ])
    expect(redactValue('dsn', 'postgres://u:pa55/w@rd@db/k?sslmode=require')).toBe(
      'postgres://u:[redacted]@db/k?sslmode=require',
    )
    expect(redactValue('dsn', 'memory')).toBe('memory')
    expect(redactValue('secrets.cookie', ['memory'])).toEqual([REDACTED])
    expect(redactValue('courier.smtp.connection_uri', 'smtps://a:b-secret@mail:465')).toBe(
      'smtps://a:[redacted]@mail:465',
    )
    expect(
      redactValue('session', { lifespan: '24h', cookie: { name: 'ory_kratos_session' } }),
    ).toEqual({ lifespan: '24h', cookie: { name: 'ory_kratos_session' } })
    expect(
      redactValue('selfservice.methods.oidc.config.providers', [{ client_secret: 'x' }]),
    ).toEqual([{ client_secret: REDACTED }])
  })

  it('collects the secrets of a view and redacts with them, once per view', () => {
    const view = viewFromObject({
      dsn: 'postgres://kratos:short@db/kratos',
      secrets: { cookie: ['cookie-secret-0123456789'] },
      courier: { smtp: { connection_uri: 'smtps://m:smtp-password-1@mail:465' } },
      serve: { public: { base_url: 'https://u:basic-auth-pw@auth.example.com/' } },
      session: { lifespan: '24h' },
    })
    const values = secretValues(view)
    for (const v of ['cookie-secret-0123456789', 'smtp-password-1', 'basic-auth-pw', 'short'])
      expect(values).toContain(v)
    expect(values).not.toContain('24h')
    // The in-memory DSN holds no credential: fix and rotate diffs show `dsn: memory` as it is.
    expect(secretValues(viewFromObject({ dsn: 'memory' }))).not.toContain('memory')
    expect(secretValues(viewFromObject({ secrets: { cookie: ['memory'] } }))).toContain('memory')
    const r = redactorFor(view)
    expect(redactorFor(view)).toBe(r)
    expect(r.text('a cookie-secret-0123456789 b basic-auth-pw c')).toBe(
      `a ${REDACTED} b ${REDACTED} c`,
    )
    // `short` is below the minimum length: prose about it stays readable.
    expect(r.text('a short note')).toBe('a short note')
  })
})
