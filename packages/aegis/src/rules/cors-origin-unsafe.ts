import { defineRule } from '../engine/define-rule.ts'
import { locate } from '../engine/locate.ts'
import { classifyOrigin, legacyKey, unboundedHonoured } from './lib/cors.ts'
import { isPlainHttpRemote } from './lib/hosts.ts'

const key = 'serve.public.cors.allowed_origins'

/**
 * Entries other than exact https origins (ASVS 4.0.3 14.5.3 forbids `null`). `*` alone, and
 * wildcards that match sites anyone can register where Kratos honours them, are
 * cors-credentials-any-origin's (lib/cors.ts). `legacy_allow_insecure_origins` (HEAD) brings
 * such wildcards back for CORS and return URLs, so it is reported whatever CORS says.
 */
export default defineRule({
  id: 'cors-origin-unsafe',
  meta: {
    title: 'a CORS allowed origin is null, plain http or a wildcard',
    severity: 'medium',
    concern: 'cors',
    references: { asvs4: ['14.5.3'], asvs5: ['3.4.2'], cwe: ['CWE-942', 'CWE-346'] },
    unmapped: {
      nist: 'SP 800-63B sets no CORS requirement',
      pci: 'PCI DSS v4.0.1 sets no CORS requirement',
      wstg: 'WSTG tests CORS in WSTG-CLNT-07, outside the session tests aegis maps',
    },
    messages: {
      null: 'allowed_origins contains "null": sandboxed iframes, data: URLs and some redirects send Origin: null, so any site can obtain it and make credentialed requests. Remove it.',
      http: 'allowed_origins contains {{origin}}, a plain-http origin: a network attacker can inject script into that origin and use it to make credentialed requests to Kratos. Use https.',
      wildcard:
        'allowed_origins contains the wildcard {{origin}}: every host matching it (including forgotten or user-controlled subdomains) may make credentialed requests to Kratos. List exact origins.',
      unbounded:
        'allowed_origins contains the wildcard {{origin}}, which matches hosts anyone can register ({{what}}); credentials are off, so only cookie-less requests are affected. List exact origins.',
      ignored:
        'allowed_origins contains the wildcard {{origin}}, which is not bounded at a registrable domain ({{what}}): this Kratos version skips it, so it matches no origin at all. Remove it, or use a bounded wildcard such as https://*.example.com.',
      legacy:
        'feature_flags.legacy_allow_insecure_origins is true: Kratos again honours CORS origins and allowed return URLs with wildcards that match hosts anyone can register (https://*, https://*.com). Ory marks the flag insecure and slated for removal; set it to false and use exact origins or wildcards like https://*.example.com.',
    },
  },
  check: ({ view }) => {
    const legacy =
      view.get(legacyKey) === true
        ? [{ key: legacyKey, messageId: 'legacy', data: {}, severity: 'low' as const }]
        : []
    if (view.get('serve.public.cors.enabled') !== true) return legacy
    const origins = view.get(key)
    if (!Array.isArray(origins)) return legacy
    const credentialed = view.get('serve.public.cors.allow_credentials') !== false
    const reports = origins.flatMap((o: unknown, index) => {
      if (typeof o !== 'string' || o === '*') return []
      const pattern = classifyOrigin(o)
      const what =
        pattern.base === '' ? 'no domain follows the *' : `${pattern.base} is a public suffix`
      let id: string | undefined
      if (o === 'null') id = 'null'
      else if (pattern.wildcard && pattern.bounded) id = 'wildcard'
      else if (pattern.wildcard && !unboundedHonoured(view)) id = 'ignored'
      // Honoured with credentials: cors-credentials-any-origin rates it like "*".
      else if (pattern.wildcard) id = credentialed ? undefined : 'unbounded'
      else if (isPlainHttpRemote(o)) id = 'http'
      if (id === undefined) return []
      const severity =
        id === 'wildcard' || id === 'unbounded' ? 'low' : id === 'ignored' ? 'info' : 'medium'
      // Each finding points at its own entry of the list.
      const at = locate(view, `${key}.${index}`)
      return [{ key, messageId: id, data: { origin: o, what }, severity, identity: o, at } as const]
    })
    return [...reports, ...legacy]
  },
})
