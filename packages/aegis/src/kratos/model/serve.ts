/** `serve` (FACTS.md §1.6). Every level is closed: `tls.enabled` stops Kratos at start. */
import { arr, bool, closed, int, str, uri, uriRef } from '../dsl.ts'

const httpMethods = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'HEAD', 'OPTIONS', 'TRACE']

// HTTPS starts only when both cert and key are given, as a path pair or a base64 pair.
const tlsSource = (secretContent: boolean) =>
  closed({ path: str(), base64: str(secretContent ? { secret: true } : {}) })
// The base64 private key is a secret; the certificate is public.
const tls = closed({ key: tlsSource(true), cert: tlsSource(false) })

const socket = closed({
  owner: str({ default: '' }),
  group: str({ default: '' }),
  mode: int({ default: 493, minimum: 0, maximum: 511 }),
})

const requestLog = closed({ disable_for_health: bool({ default: false }) })

// The default `["*"]` plus allow_credentials reflects any Origin with credentials (FACTS.md §1.6).
const cors = closed({
  enabled: bool({ default: false }),
  allowed_origins: arr(str({ minLength: 1 }), { default: ['*'], uniqueItems: true }),
  allowed_methods: arr(str({ enum: httpMethods }), {
    default: ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'],
  }),
  allowed_headers: arr(str(), {
    default: [
      'Authorization',
      'Content-Type',
      'Max-Age',
      'X-Session-Token',
      'X-XSRF-TOKEN',
      'X-CSRF-TOKEN',
    ],
  }),
  exposed_headers: arr(str(), { default: ['Content-Type'] }),
  allow_credentials: bool({ default: true }),
  options_passthrough: bool({ default: false }),
  max_age: int({ default: 0, minimum: 0 }),
  debug: bool({ default: false }),
})

export const serve = closed({
  public: closed({
    request_log: requestLog,
    cors,
    // The CSRF cookie name is derived from this string (FACTS.md §4.2).
    base_url: uriRef(),
    host: str({ default: '0.0.0.0' }),
    port: int({ default: 4433, minimum: 1, maximum: 65535 }),
    socket,
    tls,
  }),
  admin: closed({
    request_log: requestLog,
    base_url: uri(),
    host: str({ default: '0.0.0.0' }),
    port: int({ default: 4434, minimum: 1, maximum: 65535 }),
    socket,
    tls,
  }),
})
