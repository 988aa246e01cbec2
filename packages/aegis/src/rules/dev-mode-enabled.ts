import { defineRule } from '../engine/define-rule.ts'

/** Everything dev mode changes, from grepping IsInsecureDevMode (FACTS.md §4.4). */
const otherEffects =
  'default base URLs become http, bcrypt costs below 12 are accepted, the admin courier API returns message bodies (recovery links and codes) unredacted, and DEV_DISABLE_API_FLOW_ENFORCEMENT can switch off the API-flow browser check'
/** The secure keys exist since v25.4; before, Secure is `!dev` and nothing else (FACTS.md §10). */
const cookieEffect = (version: string): string =>
  version === 'v1.3'
    ? 'session, CSRF and continuity cookies lose Secure (Kratos v1.x has no secure keys: Secure follows dev mode alone)'
    : 'session, CSRF and continuity cookies lose Secure unless their secure keys are set'

export default defineRule({
  id: 'dev-mode-enabled',
  meta: {
    title: 'Kratos runs in dev mode ("SECURITY IS DISABLED")',
    severity: 'high',
    concern: 'dev-mode',
    references: {
      asvs4: ['3.4.1'],
      asvs5: ['3.3.1'],
      nist: ['SP 800-63B-4 §5.1.1', 'SP 800-63B §7.1.1'],
      cwe: ['CWE-489', 'CWE-614'],
      wstg: ['WSTG-SESS-02'],
    },
    unmapped: {
      pci: 'the nearest PCI DSS v4.0.1 requirement, 2.2 (system components configured securely), is outside the requirements aegis maps (8.2.8, 8.4.1, 8.4.2, 8.5.1)',
    },
    messages: {
      on: 'Dev mode is on ({{via}}): {{effects}}. Kratos logs "SECURITY IS DISABLED" at start. Remove {{remedy}} for any deployment others use.',
    },
    fixable: 'unsafe',
  },
  check: ({ view }) => {
    if (!view.dev) return []
    const origin = view.origin('dev')
    const where =
      origin.via === undefined
        ? ''
        : origin.via === 'process environment'
          ? ' from the process environment'
          : ` in ${origin.via}`
    const file = origin.location === null ? '' : ` in ${origin.location.file}`
    const [via, remedy] =
      origin.kind === 'helm'
        ? [`kratos.development: true in the Helm values${file}`, 'kratos.development']
        : origin.flag !== undefined
          ? [`the ${origin.flag} flag${where}`, origin.flag]
          : origin.envVar !== undefined
            ? [
                `${origin.envVar}=${view.rawEnv[origin.envVar]?.value ?? 'true'}${where === '' ? ' in the environment' : where}`,
                origin.envVar,
              ]
            : [`dev: true${file}`, 'dev: true']
    return [
      {
        key: 'dev',
        messageId: 'on',
        data: { via, effects: `${cookieEffect(view.version)}, ${otherEffects}`, remedy },
        ...(remedy === 'dev: true'
          ? {
              fix: {
                kind: 'unsafe' as const,
                description: 'remove dev',
                edits: [{ op: 'remove' as const, key: 'dev' }],
              },
            }
          : {}),
      },
    ]
  },
})
