import { defineRule } from '../engine/define-rule.ts'
import type { ConfigView } from '../config/types.ts'
import type { RuleReport } from '../engine/define-rule.ts'
import { ignoredEnvVar, validateTree, type ValidationProblem } from '../kratos/index.ts'

/**
 * What Kratos would refuse at start (fatal) or silently ignore, judged by the project's model of
 * Kratos' schema (kratos/validate). The classic mistakes carry what the author probably meant.
 */
/** Problems a dedicated rule explains better; reported there, not twice. */
const coveredElsewhere = (p: ValidationProblem): boolean =>
  // secret-cipher-length-invalid
  (/^secrets\.cipher\.\d+$/.test(p.key) && /too-(short|long)/.test(p.code)) ||
  // cookie-secure-disabled (a string Go's ParseBool rejects)
  p.code === 'secure-not-go-bool'

type MessageId = 'fatal' | 'ignored' | 'warning' | 'ignoredEnv'

/**
 * Variables set for Kratos whose names look like Kratos keys but map to none: Kratos' loader
 * drops them (kratos/env-ignored.ts), so each is reported where it is written.
 */
const ignoredEnvReports = (view: ConfigView): RuleReport<MessageId>[] =>
  (view.unmappedEnv ?? []).flatMap(({ name, origin }) => {
    const advice = ignoredEnvVar(name, view.version)
    if (advice === undefined) return []
    const via = origin.via ?? origin.location?.file
    return [
      {
        key: advice.key,
        messageId: 'ignoredEnv' as const,
        data: {
          name,
          via: via === undefined ? '' : ` (${via})`,
          version: view.version,
          reason:
            advice.reason === undefined
              ? ''
              : ` ${advice.reason.charAt(0).toUpperCase()}${advice.reason.slice(1)}.`,
          suggestion: advice.suggestion === undefined ? '' : ` ${advice.suggestion}`,
        },
        severity: 'medium' as const,
        at: { location: origin.location, origin: origin.kind },
        identity: `env:${name}`,
      },
    ]
  })

export default defineRule<MessageId>({
  id: 'config-invalid',
  meta: {
    title: 'Kratos would refuse or silently ignore part of the configuration',
    severity: 'medium',
    concern: 'validity',
    references: { cwe: ['CWE-1188'] },
    unmapped: {
      asvs4:
        'no ASVS 4.0.3 requirement STANDARDS.md records (V3, 13.2.3, 14.4.5 to 14.5.3, 6.3 and 6.4) is about a configuration Kratos refuses or ignores; the requirement behind each setting is cited by the rule for that key',
      asvs5:
        'no ASVS 5.0 requirement STANDARDS.md records (V7, V3.3 to V3.5, 6.3.3, 11.x, 13.3.x, 16.2.5) is about a configuration Kratos refuses or ignores; the requirement behind each setting is cited by the rule for that key',
      nist: 'SP 800-63B sets requirements on sessions and authenticators, not on how a verifier reads its configuration',
      pci: 'the nearest PCI DSS v4.0.1 requirement, 2.2 (system components configured and managed securely), is outside the requirements aegis maps (8.2.8, 8.4.1, 8.4.2, 8.5.1)',
      wstg: 'the nearest WSTG test, WSTG-CONF-02 (application platform configuration), is outside the session tests aegis maps (WSTG-SESS-01 to -11)',
    },
    messages: {
      fatal: '{{message}} Kratos refuses to start with this configuration.{{suggestion}}',
      ignored:
        '{{message}} Kratos silently ignores it, so the setting the author meant is not in force.{{suggestion}}',
      warning: '{{message}}{{suggestion}}',
      ignoredEnv:
        'The environment variable {{name}}{{via}} sets no Kratos {{version}} key.{{reason}} Kratos silently ignores it, so the setting keeps its value from the config files or its default.{{suggestion}}',
    },
  },
  check: ({ view }) => [
    ...validateTree({ ...view.tree() }, view.version, {
      isExternal: (path) => view.isExternal(path),
    })
      // Values set elsewhere (secretKeyRef, `${VAR}` unset at audit time) are absent from
      // tree(): never call them missing.
      .filter((p) => !coveredElsewhere(p) && !view.isExternal(p.key))
      .map((p) => ({
        key: p.key,
        messageId: p.severity,
        data: {
          message: /[.!?]$/.test(p.message) ? p.message : `${p.message}.`,
          suggestion: p.suggestion === undefined ? '' : ` ${p.suggestion}`,
        },
        severity:
          p.severity === 'fatal'
            ? ('high' as const)
            : p.severity === 'ignored'
              ? ('medium' as const)
              : ('low' as const),
        identity: p.code,
      })),
    ...ignoredEnvReports(view),
  ],
})
