import { defineRule } from '../engine/define-rule.ts'
import { credentialChangeHooks, hasHook, hooksAt } from './lib/factors.ts'
import { setFix } from './lib/fixes.ts'

const hook = 'revoke_active_sessions'

/** Password change and recovery keep every other session alive unless this hook runs (FACTS.md §1.7, §11.7). */
export default defineRule({
  id: 'revoke-sessions-hook-missing',
  meta: {
    title: 'other sessions survive a password, recovery or second-factor change',
    severity: 'medium',
    concern: 'mfa',
    references: {
      asvs4: ['3.3.3'],
      asvs5: ['7.4.3'],
      cwe: ['CWE-613'],
      wstg: ['WSTG-SESS-06'],
    },
    unmapped: {
      nist: 'the SP 800-63B sections aegis maps do not ask to end other sessions when a credential changes',
      pci: 'PCI DSS v4.0.1 does not ask to end other sessions when a credential changes',
    },
    messages: {
      missing:
        "{{key}} has no revoke_active_sessions hook: after {{event}} every other session of the identity stays valid, including an attacker's. Add `- hook: revoke_active_sessions` there.",
    },
    fixable: 'unsafe',
  },
  check: ({ view }) =>
    credentialChangeHooks(view)
      .filter((t) => !hasHook(view, t.key, hook))
      .map((t) => ({
        key: t.key,
        messageId: 'missing' as const,
        data: t,
        fix: setFix(
          t.key,
          [...hooksAt(view, t.key), { hook }],
          'unsafe',
          `add the ${hook} hook to ${t.key}`,
        ),
      })),
})
