/**
 * `aegis fix`: audit, plan the fixes findings carry, show a unified diff (secrets redacted),
 * write atomically with backups, hand generated secrets over safely, then audit again and report
 * what remains. The audit itself is passed in, so this module stays independent of the rule set.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { loadDeployment } from '../config/index.ts'
import type { LoadedDeployment } from '../config/load-types.ts'
import type { ConfigView } from '../config/types.ts'
import type { Finding } from '../engine/finding.ts'
import { AegisError } from '../errors.ts'
import { fingerprint } from '../rotate/state.ts'
import { planFixes, type FixPlan } from './apply.ts'
import { redactedWith } from '../redact/placeholder.ts'
import { labelledRedactor, type Redactor } from '../redact/redactor.ts'
import { secretValues } from '../redact/view.ts'
import { unifiedDiff } from './diff.ts'
import { isGitTracked, sha256, writeFileSafely } from './safe-write.ts'

export interface RunFixOptions {
  readonly inputs: readonly string[]
  readonly cwd: string
  readonly unsafe: boolean
  readonly dryRun: boolean
  readonly allowSecretInFile: boolean
  readonly reveal: boolean
  readonly secretsOut?: string
  /** The audit to run before and after (rules, profile, inline suppressions). */
  readonly audit: (deployment: LoadedDeployment) => readonly Finding[]
}

export interface RunFixResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly plan: FixPlan
  readonly remaining: readonly Finding[]
}

/** Generated secrets first, so they keep their own label when a config already holds one. */
const hider = (view: ConfigView, plan: FixPlan): Redactor =>
  labelledRedactor([
    ...plan.secrets.map((s): [string, string] => [
      s.value,
      redactedWith(`generated secret ${fingerprint(s.value)}`),
    ]),
    ...secretValues(view).map((s): [string, string] => [s, redactedWith(fingerprint(s))]),
  ])

const deliverSecrets = async (o: RunFixOptions, plan: FixPlan): Promise<string[]> => {
  const pending = plan.secrets.filter((s) => s.file === null)
  if (pending.length === 0) return []
  if (o.secretsOut !== undefined) {
    const file = resolve(o.cwd, o.secretsOut)
    if (!o.allowSecretInFile && (await isGitTracked(file))) {
      throw new AegisError(
        'AEGIS_WRITE_FAILED',
        `${o.secretsOut} is tracked by git; refusing to write secrets there`,
      )
    }
    const body = Object.fromEntries(
      pending.map((s) => [s.key, s.key.startsWith('secrets.') ? [s.value] : s.value]),
    )
    const before = await readFile(file, 'utf8').catch(() => null)
    await writeFileSafely(file, `${JSON.stringify(body, null, 2)}\n`, {
      expectedHash: before === null ? null : sha256(before),
      mode: 0o600,
      backup: false,
    })
    return [
      `wrote ${pending.length} generated secret(s) to ${o.secretsOut} (mode 0600): put them in your secret manager`,
    ]
  }
  if (o.reveal)
    return pending.map(
      (s) =>
        `generated ${s.key}: ${JSON.stringify(s.key.startsWith('secrets.') ? [s.value] : s.value)}`,
    )
  return [
    `${pending.length} generated secret(s) were not shown: re-run with --secrets-out FILE (written 0600) or --reveal`,
  ]
}

export const runFix = async (o: RunFixOptions): Promise<RunFixResult> => {
  const before = await loadDeployment(o.inputs, { cwd: o.cwd })
  const findings = o.audit(before)
  const plan = await planFixes(before, findings, o)
  const hide = hider(before.view, plan)
  const diff = plan.changes.map((c) => hide.text(unifiedDiff(c.before, c.after, c.file))).join('')
  const notes: string[] = [
    ...plan.applied.map((a) => `fixed ${a.ruleId}: ${a.description} (${a.file})`),
    ...plan.manual.map((m) => `manual ${m.ruleId}: ${hide.text(m.instruction)}`),
    ...plan.skipped.map((s) => `skipped ${s.ruleId}: ${s.reason}`),
  ]
  if (o.dryRun) {
    notes.push('dry run: nothing written')
    return { code: 0, stdout: diff, stderr: `${notes.join('\n')}\n`, plan, remaining: findings }
  }
  for (const c of plan.changes)
    await writeFileSafely(c.absPath, c.after, { expectedHash: sha256(c.before) })
  notes.push(...(await deliverSecrets(o, plan)))
  const after = plan.changes.length === 0 ? before : await loadDeployment(o.inputs, { cwd: o.cwd })
  const remaining = o.audit(after).filter((f) => f.suppressed === null)
  notes.push(
    `${plan.changes.length} file(s) changed; ${remaining.length} finding(s) remain${remaining.length > 0 ? ':' : ''}`,
  )
  for (const f of remaining)
    notes.push(
      `  ${f.severity} ${f.ruleId} ${f.key}${f.fix === null ? '' : f.fix.kind === 'unsafe' ? ' (fixable with --unsafe)' : ''}`,
    )
  return {
    code: remaining.length > 0 ? 1 : 0,
    stdout: diff,
    stderr: `${notes.join('\n')}\n`,
    plan,
    remaining,
  }
}
