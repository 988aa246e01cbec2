import { defineRule } from '../engine/define-rule.ts'
import { unmappedReasons } from './lib/refs.ts'
import { isPlainHttpRemote } from './lib/hosts.ts'

/**
 * Session cookies, tokens and passwords cross the public URL; the admin API has no
 * authentication at all in OSS (FACTS.md §6), so its transport matters less than its reach.
 */
export default defineRule({
  id: 'base-url-plain-http',
  meta: {
    title: 'Kratos is reached over plain http on a non-loopback host',
    severity: 'high',
    concern: 'transport',
    references: {
      asvs4: ['3.4.1'],
      asvs5: ['3.4.1'],
      nist: ['SP 800-63B-4 §5.1.1', 'SP 800-63B §7.1'],
      cwe: ['CWE-319'],
      wstg: ['WSTG-SESS-02'],
    },
    unmapped: {
      pci: unmappedReasons.pciTransport,
    },
    messages: {
      public:
        'serve.public.base_url is {{url}}: browsers talk to Kratos over plain http, so passwords, session cookies and tokens cross the network in clear (and, outside dev mode, browsers drop the Secure session cookie so login fails). Serve it over https.',
      admin:
        'serve.admin.base_url is {{url}}: the admin API (unauthenticated in Kratos OSS) is addressed over plain http on a non-loopback host; anything on that network can read identities and session data or call it. Keep it on a private network or loopback, behind TLS and authentication.',
    },
  },
  check: ({ view }) => {
    const out = []
    const pub = view.get('serve.public.base_url')
    if (typeof pub === 'string' && isPlainHttpRemote(pub)) {
      out.push({ key: 'serve.public.base_url', messageId: 'public' as const, data: { url: pub } })
    }
    const admin = view.get('serve.admin.base_url')
    if (typeof admin === 'string' && isPlainHttpRemote(admin)) {
      out.push({
        key: 'serve.admin.base_url',
        messageId: 'admin' as const,
        data: { url: admin },
        severity: 'low' as const,
      })
    }
    return out
  },
})
