import { defineRule } from '../engine/define-rule.ts'
import { whereWritten } from './lib/origins.ts'
import { secretPurposes } from './lib/secrets.ts'

/** Secrets belong in a secrets manager, injected at run time (ASVS 5.0 13.3.1), not in a committed file. */
export default defineRule({
  id: 'secret-in-plain-file',
  meta: {
    title: 'a secret is written in plain text in a file',
    severity: 'low',
    concern: 'secrets',
    references: { asvs4: ['6.4.1'], asvs5: ['13.3.1'], cwe: ['CWE-312', 'CWE-798'] },
    messages: {
      inFile:
        "{{key}} is written in plain text in {{where}}: everyone with access to that file, its repository history or the image it is baked into can forge sessions. Inject it at run time from a secret store (environment from a Kubernetes Secret, Vault, or the orchestrator's secrets).",
    },
  },
  check: ({ view }) =>
    secretPurposes.flatMap((purpose) => {
      const key = `secrets.${purpose}`
      if (!view.has(key) || view.isExternal(key)) return []
      const origin = view.origin(key)
      // Process env and env files the user names are injection; literals in manifests are not.
      if (origin.kind === 'env' || origin.kind === 'default' || origin.kind === 'flag') return []
      const where = whereWritten(origin)
      return [{ key, messageId: 'inFile' as const, data: { key, where } }]
    }),
})
