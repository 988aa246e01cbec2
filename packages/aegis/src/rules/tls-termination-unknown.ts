import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { parseUrl } from './lib/hosts.ts'

const certKeys = ['serve.public.tls.cert.path', 'serve.public.tls.cert.base64'] as const
const keyKeys = ['serve.public.tls.key.path', 'serve.public.tls.key.base64'] as const

/** HTTPS switches on only with both cert and key (FACTS.md §1.6); otherwise a proxy must do it. */
export default defineRule({
  id: 'tls-termination-unknown',
  meta: {
    title: 'Kratos serves plain http and the configuration cannot show who terminates TLS',
    severity: 'info',
    concern: 'transport',
    references: {
      asvs4: ['14.4.5'],
      asvs5: ['3.4.1'],
      nist: ['SP 800-63B-4 §5.1.1', 'SP 800-63B §7.1'],
      cwe: ['CWE-319'],
    },
    unmapped: {
      pci: unmappedReasons.pciTransport,
      wstg: 'WSTG tests TLS in WSTG-CRYP-01, outside the session tests aegis maps',
    },
    messages: {
      unknown:
        'Kratos itself serves plain http (serve.public.tls has no cert and key) while serve.public.base_url is {{url}}: TLS must be terminated by a proxy or load balancer in front of it, which this configuration cannot show. Make sure the hop from that proxy to Kratos stays on a private network, and that the proxy sets HSTS.',
      noBase:
        'Kratos serves plain http (no serve.public.tls cert and key) and serve.public.base_url is not set: whether anything terminates TLS in front of it is unknown from the configuration. Set serve.public.base_url to the https URL users reach and terminate TLS there.',
    },
  },
  check: ({ view }) => {
    const has = (keys: readonly string[]) => keys.some((k) => view.has(k))
    if (has(certKeys) && has(keyKeys)) return []
    const base = view.get('serve.public.base_url')
    if (typeof base !== 'string') {
      return view.isExternal('serve.public.base_url')
        ? []
        : [{ key: 'serve.public.tls', messageId: 'noBase' }]
    }
    // http bases are base-url-plain-http's; loopback http is development.
    return parseUrl(base)?.protocol === 'https:'
      ? [{ key: 'serve.public.tls', messageId: 'unknown', data: { url: base } }]
      : []
  },
})
