import { defineRule } from '../engine/define-rule.ts'

const key = 'ciphers.algorithm'

/**
 * `noop` hex-encodes. Ciphers protect only the OIDC state and the OIDC tokens kept in
 * credentials; sessions and session tokens are never encrypted, by any setting (FACTS.md §1.4, §5.2).
 */
export default defineRule({
  id: 'cipher-algorithm-noop',
  meta: {
    title: 'OIDC tokens are stored unencrypted (ciphers.algorithm noop)',
    severity: 'medium',
    concern: 'encryption-at-rest',
    references: { cwe: ['CWE-311', 'CWE-312'] },
    unmapped: {
      asvs4:
        'ASVS 4.0.3 asks for encryption at rest only for regulated data (V6.1), outside the chapters aegis maps',
      asvs5: 'no ASVS 5.0 requirement aegis maps covers encrypting stored OIDC tokens',
      nist: 'SP 800-63B covers authenticators and sessions, not how an RP stores tokens from an upstream OIDC provider',
      pci: 'PCI DSS v4.0.1 requires encryption at rest for account data (Requirement 3), not for OIDC tokens',
      wstg: 'no WSTG session test (WSTG-SESS-01 to -11) sees how tokens are stored server-side',
    },
    messages: {
      oidc: 'ciphers.algorithm is {{how}} while OIDC sign-in is enabled: the initial ID, access and refresh tokens Kratos keeps for each linked account are stored hex-encoded, readable by anyone with database access. Set ciphers.algorithm to xchacha20-poly1305 with a 32-character secrets.cipher. Note: no cipher setting ever encrypts sessions; session tokens are stored in plain text, so protect the database itself (access control, encryption at rest, backups).',
      idle: 'ciphers.algorithm is {{how}}; it only matters for OIDC (the state parameter and stored OIDC tokens), which is not enabled. Sessions and session tokens are stored in plain text whatever this says, so database access control, encryption at rest and backup protection carry that.',
    },
    fixable: 'unsafe',
  },
  check: ({ view }) => {
    if (view.get(key) !== 'noop' && view.get(key) !== undefined) return []
    const how = view.has(key) ? 'noop' : 'noop by default'
    const oidc = view.get('selfservice.methods.oidc.enabled') === true
    if (!oidc) return [{ key, messageId: 'idle', data: { how }, severity: 'info' }]
    return [
      {
        key,
        messageId: 'oidc',
        data: { how },
        fix: {
          kind: 'unsafe',
          description: 'encrypt with xchacha20-poly1305 and a generated secrets.cipher',
          edits: [
            { op: 'set', key, value: 'xchacha20-poly1305' },
            { op: 'generate-secret', key: 'secrets.cipher', length: 32 },
          ],
        },
      },
    ]
  },
})
