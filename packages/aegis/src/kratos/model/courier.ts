/** `courier`: required by the schema when recovery or verification is enabled (FACTS.md §1.7). */
import type { ModelNode } from '../dsl.ts'
import { headerValue } from '../dsl.ts'
import {
  arr,
  bool,
  closed,
  dur,
  int,
  map,
  oneOf,
  open,
  per,
  since,
  str,
  until,
  uri,
} from '../dsl.ts'
import { httpAuth } from './hooks.ts'

/** The jsonnet body Kratos ships as the default for HTTP delivery (a base64:// URL). */
const defaultBody =
  'base64://ZnVuY3Rpb24oY3R4KSB7CiAgcmVjaXBpZW50OiBjdHgucmVjaXBpZW50LAogIHRlbXBsYXRlX3R5cGU6IGN0eC50ZW1wbGF0ZV90eXBlLAogIHRvOiBpZiAidGVtcGxhdGVfZGF0YSIgaW4gY3R4ICYmICJ0byIgaW4gY3R4LnRlbXBsYXRlX2RhdGEgdGhlbiBjdHgudGVtcGxhdGVfZGF0YS50byBlbHNlIG51bGwsCiAgcmVjb3ZlcnlfY29kZTogaWYgInRlbXBsYXRlX2RhdGEiIGluIGN0eCAmJiAicmVjb3ZlcnlfY29kZSIgaW4gY3R4LnRlbXBsYXRlX2RhdGEgdGhlbiBjdHgudGVtcGxhdGVfZGF0YS5yZWNvdmVyeV9jb2RlIGVsc2UgbnVsbCwKICByZWNvdmVyeV91cmw6IGlmICJ0ZW1wbGF0ZV9kYXRhIiBpbiBjdHggJiYgInJlY292ZXJ5X3VybCIgaW4gY3R4LnRlbXBsYXRlX2RhdGEgdGhlbiBjdHgudGVtcGxhdGVfZGF0YS5yZWNvdmVyeV91cmwgZWxzZSBudWxsLAogIHZlcmlmaWNhdGlvbl91cmw6IGlmICJ0ZW1wbGF0ZV9kYXRhIiBpbiBjdHggJiYgInZlcmlmaWNhdGlvbl91cmwiIGluIGN0eC50ZW1wbGF0ZV9kYXRhIHRoZW4gY3R4LnRlbXBsYXRlX2RhdGEudmVyaWZpY2F0aW9uX3VybCBlbHNlIG51bGwsCiAgdmVyaWZpY2F0aW9uX2NvZGU6IGlmICJ0ZW1wbGF0ZV9kYXRhIiBpbiBjdHggJiYgInZlcmlmaWNhdGlvbl9jb2RlIiBpbiBjdHgudGVtcGxhdGVfZGF0YSB0aGVuIGN0eC50ZW1wbGF0ZV9kYXRhLnZlcmlmaWNhdGlvbl9jb2RlIGVsc2UgbnVsbCwKICBzdWJqZWN0OiBjdHguc3ViamVjdCwKICBib2R5OiBjdHguYm9keQp9Cg=='

const requestConfig = (o: { required?: string[] } = {}) =>
  closed(
    {
      url: str({ pattern: '^https?://' }),
      method: str({ default: 'POST' }),
      headers: map(headerValue),
      body: str({ default: defaultBody, pattern: '^(http|https|file|base64)://', format: 'uri' }),
      auth: httpAuth,
    },
    o.required === undefined ? {} : { required: o.required },
  )

const email = closed({
  body: closed({ html: uri(), plaintext: uri() }),
  subject: uri(),
})
const sms = closed({ body: closed({ plaintext: uri() }) })
const valid = (withSms: boolean | 'since-v25.4'): ModelNode => {
  const props: Record<string, ModelNode> = { email }
  if (withSms === true) props['sms'] = sms
  if (withSms === 'since-v25.4') props['sms'] = since('v25.4', sms)
  return closed(props, { required: ['email'] })
}
const invalidOnly = closed({ email }, { required: ['email'] })

export const courier = closed({
  template_override_path: str(),
  message_retries: int({ default: 5 }),
  worker: open({ pull_count: int({ default: 10 }), pull_wait: dur('1s') }),
  delivery_strategy: oneOf(['smtp', 'http'], 'smtp'),
  http: closed({ request_config: requestConfig() }),
  smtp: closed({
    // Carries the SMTP password: never printed (RULES.md, FACTS.md §1.5).
    connection_uri: per(str({ pattern: '^smtps?://.*', secret: true }), {
      'v1.3': { pattern: '^smtps?:\\/\\/.*' },
    }),
    client_cert_path: str({ default: '' }),
    client_key_path: str({ default: '' }),
    from_address: str({ default: 'no-reply@ory.kratos.sh', format: 'email' }),
    from_name: str(),
    headers: map(headerValue),
    local_name: str({ default: 'localhost' }),
  }),
  // v1.x still had the single SMS sender; later versions use `channels`.
  sms: until(
    'v1.3',
    closed({
      enabled: bool({ default: false }),
      from: str({ default: 'Ory Kratos' }),
      request_config: closed(
        {
          url: str({ pattern: '^https?:\\/\\/.*' }),
          method: str(),
          headers: map(headerValue),
          body: str({ pattern: '^(http|https|file|base64)://', format: 'uri' }),
          auth: httpAuth,
        },
        { required: ['url', 'method'] },
      ),
    }),
  ),
  channels: arr(
    closed(
      {
        id: str({ enum: ['sms'], maxLength: 32 }),
        type: str({ enum: ['http'] }),
        request_config: requestConfig(),
      },
      { required: ['id', 'request_config'] },
    ),
  ),
  templates: closed({
    recovery: closed({ invalid: invalidOnly, valid: valid(true) }),
    recovery_code: closed({ invalid: invalidOnly, valid: valid(true) }),
    verification: closed({ invalid: invalidOnly, valid: valid(true) }),
    verification_code: closed({ invalid: invalidOnly, valid: valid(true) }),
    registration_code: closed({ valid: valid('since-v25.4') }),
    login_code: closed({ valid: valid(true) }),
    verifiable_address_changed: since('head', closed({ email, sms })),
  }),
})
