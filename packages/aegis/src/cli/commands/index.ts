/** Every command, loaded lazily so `aegis --help` stays fast. Sorted by name. */
import type { Command } from '../command.ts'

export const commands: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> =
  {
    audit: {
      summary: 'find session weaknesses in a Kratos deployment offline, against a policy profile',
      load: async () => (await import('./audit.ts')).default,
    },
    config: {
      summary: 'show the Kratos configuration as Kratos would merge it',
      load: async () => (await import('./config.ts')).default,
    },
    cookie: {
      summary: 'decode a Kratos session cookie with the configured secrets (token redacted)',
      load: async () => (await import('./cookie.ts')).default,
    },
    fix: {
      summary: 'apply the fixes findings carry as minimal edits, with a diff and a re-audit',
      load: async () => (await import('./fix.ts')).default,
    },
    probe: {
      summary: 'prove or clear session weaknesses against a running Kratos, with evidence',
      load: async () => (await import('./probe.ts')).default,
    },
    profiles: {
      summary: 'list the policy profiles and their cited limits',
      load: async () => (await import('./profiles.ts')).default,
    },
    rotate: {
      summary: 'rotate Kratos secrets: new first, old kept until nothing they protect can be alive',
      load: async () => (await import('./rotate.ts')).default,
    },
    version: {
      summary: 'print the kratos-aegis version',
      load: async () => (await import('./version.ts')).default,
    },
  }
