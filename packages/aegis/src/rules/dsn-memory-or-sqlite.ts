import { defineRule } from '../engine/define-rule.ts'
import { dialectOf, parseDsn } from './lib/dsn.ts'

/** `memory` is an in-process SQLite database re-migrated at every start (FACTS.md §1.5). */
export default defineRule({
  id: 'dsn-memory-or-sqlite',
  meta: {
    title: 'sessions are stored in memory or in SQLite',
    severity: 'medium',
    concern: 'storage',
    references: {
      asvs4: ['3.3.4'],
      asvs5: ['7.4.2', '7.4.5', '7.5.2'],
      cwe: ['CWE-613'],
    },
    unmapped: {
      nist: 'SP 800-63B does not say where session state is kept',
      pci: 'PCI DSS v4.0.1 does not say where session state is kept',
      wstg: 'no WSTG session test (WSTG-SESS-01 to -11) covers a session store split across replicas',
    },
    messages: {
      memory:
        'dsn is memory: identities and sessions live in the process and vanish at every restart, and each replica has its own users, so revocation on one does not reach another. Use PostgreSQL, MySQL or CockroachDB for anything beyond a local trial.',
      sqlite:
        'dsn uses SQLite: one file on one host, so Kratos cannot run more than one replica and revocations, sessions and identities are only as safe as that file and its backups. Use PostgreSQL, MySQL or CockroachDB for a deployment.',
    },
  },
  check: ({ view }) => {
    const dsn = view.get('dsn')
    if (typeof dsn !== 'string' || view.isExternal('dsn')) return []
    if (dsn === 'memory') return [{ key: 'dsn', messageId: 'memory' }]
    const info = parseDsn(dsn)
    if (info === null || dialectOf(info.scheme) !== 'sqlite') return []
    return [{ key: 'dsn', messageId: 'sqlite', severity: 'low' }]
  },
})
