import { defineRule } from '../engine/define-rule.ts'
import { whereWritten } from './lib/origins.ts'
import { parseDsn } from './lib/dsn.ts'

/** A database password written into the DSN of a committed file (CWE-798); injected env values are fine. */
export default defineRule({
  id: 'dsn-credentials-inline',
  meta: {
    title: 'the database password is written in the DSN',
    severity: 'medium',
    concern: 'storage',
    references: { asvs4: ['6.4.1'], asvs5: ['13.3.1'], cwe: ['CWE-798', 'CWE-312'] },
    unmapped: {
      nist: "SP 800-63B covers subscriber authenticators, not the service's own database credentials",
      pci: 'the nearest PCI DSS v4.0.1 requirement, 8.6.2 (application-account passwords not hard-coded in configuration files), is outside the requirements aegis maps (8.2.8, 8.4.1, 8.4.2, 8.5.1)',
      wstg: "no WSTG session test (WSTG-SESS-01 to -11) reads the server's configuration",
    },
    messages: {
      inline:
        'dsn carries the database password in plain text, written in {{where}}: whoever reads that file can read and rewrite every session and identity. Inject the DSN from a secret store at run time instead.',
    },
  },
  check: ({ view }) => {
    const dsn = view.get('dsn')
    if (typeof dsn !== 'string' || view.isExternal('dsn')) return []
    if (parseDsn(dsn)?.hasPassword !== true) return []
    const origin = view.origin('dsn')
    // Process env and env files the user names are injection; literals in manifests are not.
    if (origin.kind === 'env' || origin.kind === 'default' || origin.kind === 'flag') return []
    const where = whereWritten(origin)
    return [{ key: 'dsn', messageId: 'inline', data: { where } }]
  },
})
