// Realistic deployments with planted canary secrets, for the secret-hygiene test (canary.test.ts).
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const canary = {
  cookieSecret: 'CANARY-cookie-secret-7f3a9c1d2e4b5a6f',
  oldCookieSecret: 'CANARY-old-cookie-secret-0d1e2f3a4b',
  // secrets.cipher must be exactly 32 characters (FACTS.md §9).
  cipherSecret: 'CANARYcipher0123456789abcdef0123',
  defaultSecret: 'CANARY-default-secret-9a8b7c6d5e4f',
  dbPassword: 'CANARYdbpass91f2',
  smtpPassword: 'CANARYsmtppw55e1',
  identityPassword: 'CANARYidentity-pw-4d2c8e',
  sessionToken: 'ory_st_CANARYsessiontoken0123456789ab',
  // Values of misspelt secret variables Kratos ignores: their names escape the name heuristic
  // (`…_PASS`, `…_CLIENT_SECRE`, `…_KEY_BASE_64`), and each gets a finding at its own line.
  misspeltSmtpPassword: 'CANARYmisspelt-smtp-8c1f',
  misspeltClientSecret: 'GOCSPX-CANARYmisspelt-4a7e',
  misspeltTlsKey: 'CANARYmisspeltTlsKeyQkVHSU5QUklW',
} as const

/** Misspelt secret variables, as NAME and value, for every form an environment takes. */
const misspelt = {
  smtp: ['COURIER_SMTP_PASS', canary.misspeltSmtpPassword],
  oidc: ['SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS_0_CLIENT_SECRE', canary.misspeltClientSecret],
  tls: ['SERVE_PUBLIC_TLS_KEY_BASE_64', canary.misspeltTlsKey],
} as const

export const dsn = `postgres://kratos:${canary.dbPassword}@db/kratos?sslmode=disable`
export const smtpUri = `smtps://mailer:${canary.smtpPassword}@smtp.example.com:465/`

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

/** Every planted value and a sample of its derived forms (base64, base64url, URL-encoded). */
export const forbiddenStrings = (extra: readonly string[] = []): string[] => {
  const raw = [...Object.values(canary), dsn, smtpUri, ...extra]
  const derived = raw.flatMap((s) => [
    b64(s),
    Buffer.from(s, 'utf8').toString('base64url').replace(/=+$/, ''),
    encodeURIComponent(s),
  ])
  // Base64 of a string embedded at an offset changes with the offset: check the stable middle.
  return [...new Set([...raw, ...derived.map((d) => (d.length > 24 ? d.slice(4, -4) : d))])]
}

const kratosYml = `version: v1.3.0
dsn: ${dsn}
dev: true
serve:
  public:
    base_url: http://auth.example.com/
    cors:
      enabled: true
      allowed_origins: ["*"]
      allow_credentials: true
secrets:
  cookie:
    - ${canary.cookieSecret}
    - ${canary.oldCookieSecret}
  cipher:
    - ${canary.cipherSecret}
  default:
    - ${canary.defaultSecret}
courier:
  smtp:
    connection_uri: ${smtpUri}
session:
  lifespan: 720h
  cookie:
    same_site: None
    persistent: true
selfservice:
  default_browser_return_url: http://auth.example.com/
`

const compose = `services:
  kratos:
    image: oryd/kratos:v25.4.0
    command: serve -c /etc/config/kratos/kratos.yml --dev
    env_file: ./.env
    environment:
      SECRETS_COOKIE: ${canary.cookieSecret},${canary.oldCookieSecret}
      COURIER_SMTP_CONNECTION_URI: ${smtpUri}
      SECRETS_CIPHER_0: ${canary.cipherSecret}
      ${misspelt.tls[0]}: ${misspelt.tls[1]}
      SESSION_LIFESPAN: 24h
      ${misspelt.smtp[0]}: ${misspelt.smtp[1]}
    volumes:
      - ./kratos:/etc/config/kratos:ro
  postgres:
    image: postgres:16
    environment:
      - POSTGRES_PASSWORD=${canary.dbPassword}
`

const dotEnv = `DSN=${dsn}
SECRETS_DEFAULT=${canary.defaultSecret}
${misspelt.smtp.join('=')}
LOG_LEAK_SENSITIVE_VALUES=true
${misspelt.oidc.join('=')}
${misspelt.tls.join('=')}
`

// The compose list form of \`environment:\`.
const composeList = `services:
  kratos:
    image: oryd/kratos:v26.2.0
    command: serve -c /etc/config/kratos/kratos.yml
    environment:
      - ${misspelt.oidc.join('=')}
      - LOG_LEAK_SENSITIVE_VALUES=true
      - ${misspelt.smtp.join('=')}
      - ${misspelt.tls.join('=')}
    volumes:
      - ./kratos:/etc/config/kratos:ro
`

const composeKratosYml = `serve:
  public:
    base_url: http://auth.example.com/
session:
  lifespan: 720h
  cookie:
    same_site: None
`

const manifest = `apiVersion: v1
kind: Secret
metadata:
  name: kratos-secrets
type: Opaque
stringData:
  secretsCookie: ${canary.cookieSecret}
  smtpConnectionURI: ${smtpUri}
data:
  dsn: ${b64(dsn)}
  secretsDefault: ${b64(canary.defaultSecret)}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: kratos
spec:
  template:
    spec:
      containers:
        - name: kratos
          image: oryd/kratos:v25.4.0
          args: ["serve", "--dev"]
          env:
            - name: DSN
              valueFrom:
                secretKeyRef: { name: kratos-secrets, key: dsn }
            - name: SECRETS_COOKIE
              valueFrom:
                secretKeyRef: { name: kratos-secrets, key: secretsCookie }
            - name: SECRETS_DEFAULT
              valueFrom:
                secretKeyRef: { name: kratos-secrets, key: secretsDefault }
            - name: COURIER_SMTP_CONNECTION_URI
              valueFrom:
                secretKeyRef: { name: kratos-secrets, key: smtpConnectionURI }
            - name: SECRETS_CIPHER
              value: ${canary.cipherSecret}
            - { name: SECRETS_PAGINATION, value: "${canary.oldCookieSecret}" }
            - name: SERVE_PUBLIC_BASE_URL
              value: http://auth.example.com/
            - name: ${misspelt.smtp[0]}
              value: "${misspelt.smtp[1]}"
            - { name: ${misspelt.tls[0]}, value: ${misspelt.tls[1]} }
            - name: ${misspelt.oidc[0]}
              value: ${misspelt.oidc[1]}
`

const helmValues = `kratos:
  development: true
  config:
    dsn: ${dsn}
    secrets:
      cookie:
        - ${canary.cookieSecret}
      cipher:
        - ${canary.cipherSecret}
      default:
        - ${canary.defaultSecret}
    courier:
      smtp:
        connection_uri: ${smtpUri}
    serve:
      public:
        base_url: http://auth.example.com/
secret:
  enabled: false
deployment:
  extraEnv:
    - name: ${misspelt.oidc[0]}
      value: ${misspelt.oidc[1]}
    - name: ${misspelt.smtp[0]}
      value: "${misspelt.smtp[1]}"
    - name: SESSION_LIFESPAN
      value: 24h
`

// Broken inputs whose error position sits on a secret.
const broken = {
  'bad/unclosed.yml': `secrets:\n  cookie: [${canary.cookieSecret}\n`,
  'bad/duplicate.yml': `secrets:\n  cookie:\n    - ${canary.cookieSecret}\n  cookie: [x]\n`,
  'bad/wrong-type.yml': `dsn: 42\nsecrets:\n  cookie: ${canary.cookieSecret}\n  cipher: [${canary.cipherSecret}x]\n`,
  'bad/.env': `SECRETS_COOKIE="${canary.cookieSecret}\n`,
  'bad/tab.yml': `secrets:\n\tcookie: ${canary.cookieSecret}\n`,
}

/** The deployments each command is run over, relative to the directory written. */
export const deployments = {
  kratos: 'single/kratos.yml',
  compose: 'compose/docker-compose.yml',
  composeList: 'compose-list/docker-compose.yml',
  kubernetes: 'k8s/manifest.yaml',
  helm: 'helm/values.yaml',
} as const

export const brokenInputs = Object.keys(broken).filter((f) => !f.endsWith('.env'))

export const writeCanaryInputs = async (dir: string): Promise<void> => {
  const files: Record<string, string> = {
    [deployments.kratos]: kratosYml,
    [deployments.compose]: compose,
    'compose/.env': dotEnv,
    'compose/kratos/kratos.yml': composeKratosYml,
    [deployments.composeList]: composeList,
    'compose-list/kratos/kratos.yml': composeKratosYml,
    [deployments.kubernetes]: manifest,
    [deployments.helm]: helmValues,
    ...broken,
  }
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name)
    await mkdir(join(path, '..'), { recursive: true })
    await writeFile(path, text)
  }
}
