import { defineRule } from '../engine/define-rule.ts'
import { isPlainHttpRemote } from './lib/hosts.ts'

const key = 'serve.public.cors.allowed_origins'

/** Entries other than exact https origins (ASVS 4.0.3 14.5.3 forbids `null`). `*` alone is cors-credentials-any-origin's. */
export default defineRule({
  id: 'cors-origin-unsafe',
  meta: {
    title: 'a CORS allowed origin is null, plain http or a wildcard',
    severity: 'medium',
    concern: 'cors',
    references: { asvs4: ['14.5.3'], asvs5: ['3.4.2'], cwe: ['CWE-942', 'CWE-346'] },
    messages: {
      null: 'allowed_origins contains "null": sandboxed iframes, data: URLs and some redirects send Origin: null, so any site can obtain it and make credentialed requests. Remove it.',
      http: 'allowed_origins contains {{origin}}, a plain-http origin: a network attacker can inject script into that origin and use it to make credentialed requests to Kratos. Use https.',
      wildcard:
        'allowed_origins contains the wildcard {{origin}}: every host matching it (including forgotten or user-controlled subdomains) may make credentialed requests to Kratos. List exact origins.',
    },
  },
  check: ({ view }) => {
    if (view.get('serve.public.cors.enabled') !== true) return []
    const origins = view.get(key)
    if (!Array.isArray(origins)) return []
    return origins.flatMap((o: unknown) => {
      if (typeof o !== 'string' || o === '*') return []
      const id =
        o === 'null'
          ? 'null'
          : o.includes('*')
            ? 'wildcard'
            : isPlainHttpRemote(o)
              ? 'http'
              : undefined
      if (id === undefined) return []
      return [
        {
          key,
          messageId: id,
          data: { origin: o },
          severity: id === 'wildcard' ? ('low' as const) : ('medium' as const),
          identity: o,
        },
      ]
    })
  },
})
