import { defineRule } from '../engine/define-rule.ts'
import { secondFactors } from './lib/factors.ts'

const keys = ['session.whoami.required_aal', 'selfservice.flows.settings.required_aal'] as const

/**
 * With `aal1`, a session that passed only the first factor is accepted by whoami and may change
 * settings (including the second factor itself) although the identity has one (FACTS.md §1.1).
 */
export default defineRule({
  id: 'required-aal-below-second-factor',
  meta: {
    title: 'second factors are enabled but AAL1 sessions are accepted',
    severity: 'high',
    concern: 'mfa',
    references: {
      asvs4: ['3.7.1'],
      asvs5: ['6.3.3', '7.5.1'],
      nist: ['SP 800-63B-4 §5.1'],
      pci: ['8.5.1'],
      cwe: ['CWE-308'],
      wstg: ['WSTG-SESS-01'],
    },
    messages: {
      whoami:
        'session.whoami.required_aal is aal1 while {{factors}} is enabled: /sessions/whoami answers 200 for a session that passed only the password, so an attacker with the password alone gets a session applications accept, bypassing the second factor. Set it to highest_available.',
      settings:
        'selfservice.flows.settings.required_aal is aal1 while {{factors}} is enabled: a session that passed only the first factor can change the password, email and even remove the second factor. Set it to highest_available.',
    },
    fixable: 'unsafe',
  },
  check: ({ view }) => {
    const factors = secondFactors(view)
    if (factors.length === 0) return []
    const names = factors.map((f) => f.name).join(', ')
    return keys.flatMap((key) =>
      view.get(key) === 'aal1'
        ? [
            {
              key,
              messageId: key.startsWith('session') ? ('whoami' as const) : ('settings' as const),
              data: { factors: names },
              fix: {
                kind: 'unsafe' as const,
                description: `set ${key} to highest_available (users with a second factor must complete it)`,
                edits: [{ op: 'set' as const, key, value: 'highest_available' }],
              },
            },
          ]
        : [],
    )
  },
})
