/**
 * `aegis fix`: audit, plan the fixes findings carry, show a unified diff (secrets redacted),
 * write atomically with backups, hand generated secrets over safely, then audit again and report
 * what remains. The audit itself is passed in, so this module stays independent of the rule set.
 */
import { lstat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { loadDeployment } from '../config/index.ts'
import type { LoadedDeployment, LoadOptions } from '../config/load-types.ts'
import type { ConfigView } from '../config/types.ts'
import type { Finding } from '../engine/finding.ts'
import { AegisError } from '../errors.ts'
import { fingerprint } from '../rotate/state.ts'
import { planFixes, type FixPlan } from './apply.ts'
import { redactedWith } from '../redact/placeholder.ts'
import { labelledRedactor, type Redactor } from '../redact/redactor.ts'
import { secretValues } from '../redact/view.ts'
import { redactedDiff } from './diff.ts'
import { isGitTracked, sha256, writeFileSafely } from './safe-write.ts'

export interface RunFixOptions {
  readonly inputs: readonly string[]
  readonly cwd: string
  readonly unsafe: boolean
  readonly dryRun: boolean
  readonly allowSecretInFile: boolean
  readonly reveal: boolean
  readonly secretsOut?: string
  /** What audit loads besides the inputs: env files, Kratos version, environment, service. */
  readonly load?: Pick<LoadOptions, 'envFiles' | 'kratosVersion' | 'env' | 'service'>
  /** The audit to run before and after (rules, profile, inline suppressions). */
  readonly audit: (deployment: LoadedDeployment) => readonly Finding[]
}

export interface RunFixResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly plan: FixPlan
  readonly remaining: readonly Finding[]
  /** What loading the deployment warned of (an approximated Kratos version, skipped inputs). */
  readonly warnings: readonly string[]
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

/**
 * Checked before any file is written, so a refusal leaves everything as it was. An existing
 * --secrets-out file may hold the secrets an earlier run handed over, possibly in use by now
 * (QA N20): it is never replaced; a symlink counts as existing (lstat).
 */
const checkSecretsOut = async (o: RunFixOptions, plan: FixPlan): Promise<void> => {
  if (o.secretsOut === undefined || !plan.secrets.some((s) => s.file === null)) return
  const file = resolve(o.cwd, o.secretsOut)
  if (
    await lstat(file).then(
      () => true,
      () => false,
    )
  ) {
    throw new AegisError(
      'AEGIS_WRITE_FAILED',
      `--secrets-out ${o.secretsOut} already exists; refusing to replace the secrets it may hold (from an earlier run, perhaps in use): name a new file, or move this one away after storing its secrets`,
    )
  }
  if (!o.allowSecretInFile && (await isGitTracked(file))) {
    throw new AegisError(
      'AEGIS_WRITE_FAILED',
      `${o.secretsOut} is tracked by git; refusing to write secrets there`,
    )
  }
}

const deliverSecrets = async (o: RunFixOptions, plan: FixPlan): Promise<string[]> => {
  const pending = plan.secrets.filter((s) => s.file === null)
  if (pending.length === 0) return []
  if (o.secretsOut !== undefined) {
    const file = resolve(o.cwd, o.secretsOut)
    const body = Object.fromEntries(
      pending.map((s) => [s.key, s.key.startsWith('secrets.') ? [s.value] : s.value]),
    )
    // Absent when checked: writeFileSafely refuses if something appeared since.
    await writeFileSafely(file, `${JSON.stringify(body, null, 2)}\n`, {
      expectedHash: null,
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
  const before = await loadDeployment(o.inputs, { ...o.load, cwd: o.cwd })
  const findings = o.audit(before)
  const plan = await planFixes(before, findings, o)
  const hide = hider(before.view, plan)
  const diff = plan.changes.map((c) => redactedDiff(c.before, c.after, c.file, hide)).join('')
  // Descriptions, instructions and reasons are rule text that may quote a value: all three pass
  // the run's redactor, as the diff does.
  const notes: string[] = [
    ...plan.applied.map((a) => hide.text(`fixed ${a.ruleId}: ${a.description} (${a.file})`)),
    ...plan.manual.map((m) => hide.text(`manual ${m.ruleId}: ${m.instruction}`)),
    ...plan.skipped.map((s) => hide.text(`skipped ${s.ruleId}: ${s.reason}`)),
  ]
  if (o.dryRun) {
    notes.push('dry run: nothing written')
    return {
      code: 0,
      stdout: diff,
      stderr: `${notes.join('\n')}\n`,
      plan,
      remaining: findings,
      warnings: before.warnings,
    }
  }
  await checkSecretsOut(o, plan)
  for (const c of plan.changes)
    await writeFileSafely(c.absPath, c.after, { expectedHash: sha256(c.before) })
  notes.push(...(await deliverSecrets(o, plan)))
  const after =
    plan.changes.length === 0 ? before : await loadDeployment(o.inputs, { ...o.load, cwd: o.cwd })
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
    warnings: before.warnings,
  }
}
