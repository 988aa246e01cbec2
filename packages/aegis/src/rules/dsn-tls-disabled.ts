import { defineRule } from '../engine/define-rule.ts'
import { isLoopbackHost } from './lib/hosts.ts'
import { dialectOf, parseDsn } from './lib/dsn.ts'

const weakModes = new Set(['disable', 'allow', 'prefer'])

/**
 * libpq's disable/allow/prefer accept plain text; go-sql-driver/mysql defaults to no TLS.
 * CockroachDB DSNs reach the same driver: pop's cockroach dialect rewrites the URL to
 * `postgres://` with its query untouched and opens it with pgx (ory/pop dialect_cockroach.go),
 * whose pgconn takes a missing sslmode as `prefer` "to match libpq" (jackc/pgx pgconn/config.go).
 */
export default defineRule({
  id: 'dsn-tls-disabled',
  meta: {
    title: 'the database connection may run without TLS',
    severity: 'medium',
    concern: 'storage',
    references: { cwe: ['CWE-319'] },
    unmapped: {
      asvs4:
        'ASVS 4.0.3 asks for TLS to databases in 9.2.2 (V9 communications), outside the chapters aegis maps',
      asvs5:
        'ASVS 5.0 asks for TLS to databases in its secure-communication chapter (V12), outside the requirements aegis maps',
      nist: "the protected-channel rule of SP 800-63B (§7.1) covers traffic to the subscriber's device, not the RP's database link",
      pci: 'PCI DSS v4.0.1 asks for strong cryptography in transit for PAN over open, public networks (4.2.1), not for a session database link',
      wstg: "no WSTG session test (WSTG-SESS-01 to -11) observes the server's database connection",
    },
    messages: {
      sslmode:
        'dsn connects to {{dialect}} on {{host}} with {{mode}}: session tokens are stored and looked up in plain text (Kratos persistence/sql/persister_session.go, GetSessionByToken), so every query that carries one crosses the network readable{{downgrade}}. Use sslmode=verify-full.',
      mysql:
        'dsn connects to MySQL on {{host}} without a tls parameter: the driver does not use TLS, and session tokens cross the network in plain text. Add tls=true (or a registered TLS config).',
    },
  },
  check: ({ view }) => {
    const dsn = view.get('dsn')
    if (typeof dsn !== 'string' || view.isExternal('dsn')) return []
    const info = parseDsn(dsn)
    const dialect = info === null ? undefined : dialectOf(info.scheme)
    if (info === null || dialect === undefined || dialect === 'sqlite') return []
    const host = info.host ?? 'the default host'
    // A loopback hop or a Unix socket never leaves the machine.
    if (info.host === undefined || isLoopbackHost(info.host) || info.host.startsWith('/')) return []
    if (dialect === 'mysql') {
      const tls = info.params.get('tls')
      return tls === null || tls === 'false'
        ? [{ key: 'dsn', messageId: 'mysql', data: { host } }]
        : []
    }
    const given = info.params.get('sslmode')
    const mode = given ?? 'prefer'
    if (!weakModes.has(mode)) return []
    const downgrade =
      mode === 'disable' ? '' : ' (this mode falls back to plain text whenever TLS fails)'
    const shown = given === null ? 'no sslmode (the driver then uses prefer)' : `sslmode=${mode}`
    return [{ key: 'dsn', messageId: 'sslmode', data: { dialect, host, mode: shown, downgrade } }]
  },
})
