import { describe, expect, it } from 'vitest'
import { allKeys, envNameOf, envVarToKey, ignoredEnvVar, kratosVersions } from './index.ts'

describe('ignoredEnvVar (names Kratos drops although they look like keys)', () => {
  it('reports the review’s three variables with what was probably meant', () => {
    expect(ignoredEnvVar('SECRETS_SESSION', 'v26.2')).toMatchObject({
      key: 'secrets.session',
      reason: expect.stringContaining('no `secrets.session`'),
      suggestion: expect.stringContaining('`SECRETS_COOKIE`'),
    })
    expect(ignoredEnvVar('SESSION_COOKIE_HTTP_ONLY', 'v26.2')).toMatchObject({
      key: 'session.cookie.http_only',
      suggestion: expect.stringContaining('Remove the variable'),
    })
    expect(ignoredEnvVar('SESSION_LIFESPN', 'v26.2')).toEqual({
      key: 'session.lifespn',
      suggestion: 'Did you mean `SESSION_LIFESPAN`?',
    })
  })

  it('reads names as Kratos does: case-insensitive, `_` as `.`, keys with `_` in them', () => {
    expect(ignoredEnvVar('session_lifespn', 'v26.2')?.suggestion).toContain('SESSION_LIFESPAN')
    expect(ignoredEnvVar('SESSION_COOKIE_SAMESITE', 'v26.2')).toEqual({
      key: 'session.cookie.samesite',
      suggestion: 'Did you mean `SESSION_COOKIE_SAME_SITE`?',
    })
    expect(ignoredEnvVar('OAUTH2_PROVIDER_URLL', 'v26.2')?.suggestion).toContain(
      'OAUTH2_PROVIDER_URL`',
    )
    expect(ignoredEnvVar('FEATURE_FLAGS_FASTER_SESSION_EXTEN', 'v26.2')?.suggestion).toContain(
      'FEATURE_FLAGS_FASTER_SESSION_EXTEND`',
    )
    // A name cut short: the one key it is the beginning of.
    expect(ignoredEnvVar('LOG_LEAK_SENSITIVE', 'v26.2')?.suggestion).toContain(
      'LOG_LEAK_SENSITIVE_VALUES',
    )
    expect(ignoredEnvVar('SESSION__LIFESPAN', 'v26.2')?.suggestion).toContain('SESSION_LIFESPAN`')
  })

  it('keeps array indices: a bad item name is suggested with the same index', () => {
    expect(ignoredEnvVar('SECRETS_COOKIE_0', 'v26.2')).toBeUndefined()
    expect(ignoredEnvVar('SECRETS_COOKIE_X', 'v26.2')?.key).toBe('secrets.cookie.x')
    expect(ignoredEnvVar('SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS_3_CLIENTID', 'v26.2')).toEqual({
      key: 'selfservice.methods.oidc.config.providers.3.clientid',
      suggestion: 'Did you mean `SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS_3_CLIENT_ID`?',
    })
  })

  it('says nothing where any name is meant: map entries and objects the schema leaves unlisted', () => {
    // session.whoami.tokenizer.templates.<name> is user-named (patternProperties).
    expect(ignoredEnvVar('SESSION_WHOAMI_TOKENIZER_TEMPLATES_MYTPL_TTL', 'v26.2')).toBeUndefined()
    expect(ignoredEnvVar('TRACING_PROVIDER', 'v26.2')).toBeUndefined()
    expect(ignoredEnvVar('ORGANIZATIONS_0_ID', 'v26.2')).toBeUndefined()
    // Under an object that lists its keys but does not reject others (ciphers), the variable
    // is still dropped by the loader, as the same typo in YAML is ignored.
    expect(ignoredEnvVar('CIPHERS_ALGORITM', 'v26.2')?.suggestion).toContain('CIPHERS_ALGORITHM')
  })

  it('says nothing about variables that are not Kratos settings or that Kratos reads itself', () => {
    const notKratos = [
      'PATH',
      'HOME',
      'TZ',
      'HOSTNAME',
      'POSTGRES_PASSWORD',
      'MYSQL_ROOT_PASSWORD',
      'KRATOS_PUBLIC_URL',
      'COOKIE_SECRET',
      'CSRF_COOKIE_NAME',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'KUBERNETES_SERVICE_HOST',
      // X11 sets it in desktop sessions (aegis audit --env reads the shell's environment).
      'SESSION_MANAGER',
      // Prefixes of scalar top-level keys (dev, dsn, version, config) make no section.
      'DEV_MODE',
      'DSN_FILE',
      'CONFIG_PATH',
      'VERSION_TAG',
      // Read with os.Getenv or through the schema.
      'DEV',
      'DEV_DISABLE_API_FLOW_ENFORCEMENT',
      'SQA_OPT_OUT',
      'LOG_LEVEL',
      'LOG_FORMAT',
      'DSN',
      'WATCH_COURIER',
    ]
    for (const version of kratosVersions) {
      for (const name of notKratos) expect(ignoredEnvVar(name, version), name).toBeUndefined()
    }
  })

  it('says which versions a name works in when the deployed one lacks it', () => {
    expect(ignoredEnvVar('SESSION_COOKIE_SECURE', 'v26.2')).toBeUndefined()
    expect(ignoredEnvVar('SESSION_COOKIE_SECURE', 'v1.3')).toMatchObject({
      key: 'session.cookie.secure',
      reason: expect.stringContaining('v25.4, v26.2, head'),
    })
  })

  it('points SELF_SERVICE_ and DATABASE_URL at what Kratos reads', () => {
    expect(ignoredEnvVar('SELF_SERVICE_FLOWS_LOGIN_LIFESPAN', 'v26.2')).toMatchObject({
      key: 'self_service.flows.login.lifespan',
      suggestion: 'Did you mean `SELFSERVICE_FLOWS_LOGIN_LIFESPAN`?',
    })
    expect(ignoredEnvVar('DATABASE_URL', 'v26.2')?.suggestion).toBe('Did you mean `DSN`?')
  })

  it('never flags the variable of a real key, and every suggestion maps to a key', () => {
    for (const version of kratosVersions) {
      const names = allKeys(version)
        .map((s) => s.path)
        .filter((p) => !/[*#-]/.test(p))
        .map(envNameOf)
      expect(names.filter((n) => ignoredEnvVar(n, version) !== undefined)).toEqual([])
      for (const typo of names.map((n) => `${n}X`).slice(0, 150)) {
        const meant = /`([A-Z0-9_]+)`/.exec(ignoredEnvVar(typo, version)?.suggestion ?? '')?.[1]
        if (meant !== undefined) expect(envVarToKey(meant, version), meant).toBeDefined()
      }
    }
  })

  it('sends cookie and session secret names to SECRETS_COOKIE, never to a *_SECURE boolean', () => {
    for (const name of [
      'SESSION_COOKIE_SECRET',
      'COOKIES_SECRET',
      'SESSION_SECRET',
      'SECRETS_COOKIE_SECRET',
    ]) {
      const advice = ignoredEnvVar(name, 'v26.2')
      expect(advice?.suggestion, name).toContain('`SECRETS_COOKIE`')
      expect(advice?.suggestion, name).not.toMatch(/SECURE/)
    }
  })

  it('points a name that looks secret only at names that do too', () => {
    // Spelling alone gave SESSION_COOKIE_DOMAIN and the Secure switch for these two.
    for (const name of ['SESSION_COOKIE_TOKEN', 'SESSION_COOKIE_SECURE_TOKEN', 'COOKIES_KEY'])
      expect(ignoredEnvVar(name, 'v26.2')?.suggestion ?? '', name).not.toMatch(/DOMAIN|SECURE/)
    // A misspelt secret still finds its key.
    expect(ignoredEnvVar('SERVE_PUBLIC_TLS_KEY_BASE_64', 'v26.2')?.suggestion).toBe(
      'Did you mean `SERVE_PUBLIC_TLS_KEY_BASE64`?',
    )
    expect(
      ignoredEnvVar('SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS_0_CLIENT_SECRE', 'v26.2')
        ?.suggestion,
    ).toBe('Did you mean `SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS_0_CLIENT_SECRET`?')
  })

  it('keeps the empty segment of a trailing `_` in the key, apart from the real key', () => {
    expect(ignoredEnvVar('SESSION_COOKIE_SECURE_', 'v26.2')?.key).toBe('session.cookie.secure.')
    expect(ignoredEnvVar('SESSION_LIFESPAN_', 'v26.2')?.key).toBe('session.lifespan.')
  })
})
