/**
 * config-invalid end to end: Kratos-like environment variables that Kratos drops, given through
 * an env file, a compose service's `environment:` and a Kubernetes container's `env:`, are
 * reported at their own line; variables that are not Kratos settings produce nothing.
 */
import { describe, expect, it } from 'vitest'
import { runAegis } from '../../../../test/support/cli.ts'
import { tempFiles } from '../../../../test/support/temp-files.ts'

interface JsonFinding {
  readonly ruleId: string
  readonly key: string
  readonly severity: string
  readonly origin: string
  readonly message: string
  readonly location: { file: string; line: number; column: number } | null
}

const kratosYml = `version: v26.2.0
dsn: memory
identity:
  default_schema_id: default
  schemas:
    - id: default
      url: file:///etc/config/kratos/identity.schema.json
selfservice:
  default_browser_return_url: https://app.example.com/
`

const audit = async (dir: string, args: readonly string[]): Promise<JsonFinding[]> => {
  const r = await runAegis(['audit', ...args, '--format', 'json', '--fail-on', 'none'], {
    cwd: dir,
  })
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.filter(
    (f) => f.ruleId === 'config-invalid',
  )
}

const where = (f: JsonFinding): string =>
  f.location === null ? 'null' : `${f.location.file}:${f.location.line}`

describe('config-invalid: environment variables Kratos ignores (CLI)', () => {
  it('reports them from an --env-file at file:line, with the variable Kratos would read', async () => {
    const dir = tempFiles({
      'kratos.yml': kratosYml,
      'typo.env': [
        '# Kratos settings, with three mistakes',
        'SESSION_LIFESPAN=2h',
        'SECRETS_SESSION=an-old-session-secret-32-characters',
        'SESSION_COOKIE_HTTP_ONLY=true',
        'SESSION_LIFESPN=1h',
        'SECRETS_COOKIE_0=a-cookie-secret-of-32-characters',
        'POSTGRES_PASSWORD=not-for-kratos',
        'TZ=UTC',
        'DEV_DISABLE_API_FLOW_ENFORCEMENT=false',
        '',
      ].join('\n'),
    })
    const found = await audit(dir, ['kratos.yml', '--env-file', 'typo.env'])
    expect(found.map((f) => [f.key, f.severity, f.origin, where(f)])).toEqual([
      ['secrets.session', 'medium', 'env', 'typo.env:3'],
      ['session.cookie.http_only', 'medium', 'env', 'typo.env:4'],
      ['session.lifespn', 'medium', 'env', 'typo.env:5'],
    ])
    const typo = found.find((f) => f.key === 'session.lifespn')
    expect(typo?.message).toContain('SESSION_LIFESPN (typo.env) sets no Kratos v26.2 key')
    expect(typo?.message).toContain('Did you mean `SESSION_LIFESPAN`?')
    expect(found.find((f) => f.key === 'secrets.session')?.message).toContain('SECRETS_COOKIE')
    expect(JSON.stringify(found)).not.toContain('an-old-session-secret')
  })

  it('reports them from a compose service’s environment, not from other services', async () => {
    const dir = tempFiles({
      'kratos/kratos.yml': kratosYml,
      'docker-compose.yml': `services:
  kratos:
    image: oryd/kratos:v26.2.0
    command: serve -c /etc/config/kratos/kratos.yml
    environment:
      - SERVE_PUBLIC_BASE_URL=https://auth.example.com/
      - SECRETS_SESSION=an-old-session-secret-32-characters
      - SESSION_COOKIE_HTTP_ONLY=true
      - HOME=/home/ory
    volumes:
      - ./kratos:/etc/config/kratos:ro
  postgres:
    image: postgres:16
    environment:
      SESSION_LIFESPN: 1h
      POSTGRES_PASSWORD: not-for-kratos
`,
    })
    const found = await audit(dir, ['docker-compose.yml'])
    expect(found.map((f) => [f.key, f.origin, where(f)])).toEqual([
      ['secrets.session', 'compose', 'docker-compose.yml:7'],
      ['session.cookie.http_only', 'compose', 'docker-compose.yml:8'],
    ])
    expect(found[0]?.message).toContain('compose service kratos')
  })

  it('reports them from a Kubernetes container’s env, also when the value is a secretKeyRef', async () => {
    const dir = tempFiles({
      'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kratos
spec:
  template:
    spec:
      containers:
        - name: kratos
          image: oryd/kratos:v26.2.0
          args: ["serve", "--config", "/etc/config/kratos/kratos.yml"]
          env:
            - name: SECRETS_SESSION
              valueFrom:
                secretKeyRef:
                  name: kratos-secrets
                  key: session
            - name: SESSION_LIFESPN
              value: 1h
            - name: KUBERNETES_NAMESPACE
              value: identity
          volumeMounts:
            - name: config
              mountPath: /etc/config/kratos
      volumes:
        - name: config
          configMap:
            name: kratos-config
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: kratos-config
data:
  kratos.yml: |
${kratosYml
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`,
    })
    const found = await audit(dir, ['deployment.yaml'])
    expect(found.map((f) => [f.key, f.origin, where(f)])).toEqual([
      ['secrets.session', 'kubernetes', 'deployment.yaml:13'],
      ['session.lifespn', 'kubernetes', 'deployment.yaml:18'],
    ])
  })
})
