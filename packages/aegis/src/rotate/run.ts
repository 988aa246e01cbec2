/**
 * `aegis rotate`: load the deployment, plan the rotation, deliver the new list in the chosen form,
 * then record the state. The state is written only after the new list reached the user or the
 * file, so it never claims a rotation nobody can deploy.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { loadDeployment } from '../config/index.ts'
import type { LoadedDeployment } from '../config/load-types.ts'
import { AegisError } from '../errors.ts'
import { redactedDiff } from '../fix/diff.ts'
import { isGitTracked, sha256, writeFileSafely } from '../fix/safe-write.ts'
import { setComposeEnv, setEnvFileLine } from '../fix/carriers-edit.ts'
import { targetFor } from '../fix/targets.ts'
import { parseYaml } from '../fix/yaml-edit.ts'
import { redactedWith } from '../redact/placeholder.ts'
import { labelledRedactor } from '../redact/redactor.ts'
import { secretValues } from '../redact/view.ts'
import { formatAge } from './durations.ts'
import {
  renderEnv,
  renderK8sSecret,
  rotateInConfig,
  secretLabels,
  type OutputForm,
} from './outputs.ts'
import {
  checkRotation,
  generateSecret,
  planRotation,
  withPurpose,
  type RotationPlan,
} from './plan.ts'
import { retentionFor, type Retention } from './retention.ts'
import { secretsFromView, type Purpose, type SecretList } from './secret-sources.ts'
import { fingerprint, readState, writeState } from './state.ts'

export interface RotateOptions {
  readonly inputs: readonly string[]
  readonly cwd: string
  readonly purpose: Purpose
  readonly output: OutputForm
  readonly check: boolean
  readonly reveal: boolean
  readonly dryRun: boolean
  readonly allowSecretInFile: boolean
  readonly maxAgeSeconds: number
  readonly now: Date
  readonly stateFile?: string
  readonly writeTo?: string
  readonly secretName: string
  readonly current?: readonly string[]
}

export interface RotateOutcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const stateFileFor = (o: RotateOptions): string =>
  o.stateFile !== undefined
    ? resolve(o.cwd, o.stateFile)
    : join(dirname(resolve(o.cwd, o.inputs[0] ?? '.')), '.aegis-rotation.json')

const retentionText = (r: Retention): string =>
  r.seconds === null
    ? 'never pruned automatically (cipher keys protect stored data)'
    : `${formatAge(r.seconds)} after demotion`

const check = (
  o: RotateOptions,
  list: SecretList,
  records: Parameters<typeof checkRotation>[1],
  r: Retention,
): RotateOutcome => {
  const c = checkRotation(list.secrets, records, o.now, o.maxAgeSeconds, r.seconds)
  const lines = [
    `${list.key}: ${list.secrets.length} secret(s)`,
    c.newestAgeSeconds === null
      ? 'newest secret: no rotation recorded in the state file (age unknown)'
      : `newest secret: first for ${formatAge(c.newestAgeSeconds)} (limit ${formatAge(o.maxAgeSeconds)})`,
    `old secrets prunable now: ${c.prunable.length === 0 ? 'none' : c.prunable.join(', ')}`,
    `retention: ${retentionText(r)}`,
    c.stale ? 'rotation due: run `aegis rotate` (exit 1)' : 'rotation not due',
  ]
  return { code: c.stale ? 1 : 0, stdout: `${lines.join('\n')}\n`, stderr: '' }
}

const summary = (list: SecretList, plan: RotationPlan, added: string): string[] => [
  `rotated ${list.key}: new first secret ${fingerprint(added)} (${added.length} chars)`,
  ...plan.kept.map(
    (k) =>
      `  kept ${k.fingerprint} (verify only; prunable ${k.prunableAt ?? 'never automatically'})`,
  ),
  ...plan.pruned.map((p) => `  pruned ${p.fingerprint} (demoted ${p.leftFirstAt})`),
]

const refuseTracked = async (file: string, o: RotateOptions): Promise<void> => {
  if (!o.allowSecretInFile && (await isGitTracked(file))) {
    throw new AegisError(
      'AEGIS_WRITE_FAILED',
      `${file} is tracked by git; a secret written there would enter its history`,
      {
        position: { file },
        hint: 'use --output env or --output k8s-secret with --write-to, or pass --allow-secret-in-file',
      },
    )
  }
}

/** The edited text of the file the list comes from: config file, compose env entry or .env line. */
const editedSource = (
  d: LoadedDeployment,
  list: SecretList,
  plan: RotationPlan,
): { file: string; before: string; after: string } => {
  const t = targetFor(d, list.key)
  const source = t.kind === 'manual' ? undefined : d.files.get(t.file)
  if (t.kind === 'manual' || source === undefined) {
    throw new AegisError(
      'AEGIS_UNSUPPORTED_INPUT',
      `${list.key} cannot be edited in place: it comes from ${t.kind === 'manual' ? t.where : t.file}`,
      {
        hint: 'use --output env or --output k8s-secret',
      },
    )
  }
  const before = source.text
  const after =
    t.kind === 'config'
      ? rotateInConfig(before, parseYaml(before), t.path, plan.secrets, list.secrets)
      : t.kind === 'compose-env'
        ? setComposeEnv(before, t.line, t.column, t.envVar, plan.secrets)
        : setEnvFileLine(before, t.line, t.envVar, plan.secrets)
  return { file: source.path, before, after }
}

const deliverConfig = async (
  d: LoadedDeployment,
  o: RotateOptions,
  list: SecretList,
  plan: RotationPlan,
): Promise<string> => {
  const source = editedSource(d, list, plan)
  const file = resolve(o.cwd, source.file)
  const after = source.after
  // Context lines can hold other secrets (the cipher key next to the cookie list): hide them too.
  // The rotated list keeps its own labels (new / old secret); the rest show a fingerprint.
  const hide = labelledRedactor([
    ...secretLabels(plan.secrets[0] ?? '', list.secrets),
    ...secretValues(d.view).map((v): [string, string] => [v, redactedWith(fingerprint(v))]),
  ])
  const diff = redactedDiff(source.before, after, source.file, hide)
  if (o.dryRun) return diff
  await refuseTracked(file, o)
  await writeFileSafely(file, after, { expectedHash: sha256(source.before) })
  return diff
}

const deliverText = async (
  o: RotateOptions,
  list: SecretList,
  plan: RotationPlan,
): Promise<string | null> => {
  const text =
    o.output === 'env'
      ? renderEnv(list.key, plan.secrets)
      : renderK8sSecret(o.secretName, list.key, plan.secrets)
  if (o.writeTo !== undefined && !o.dryRun) {
    const file = resolve(o.cwd, o.writeTo)
    await refuseTracked(file, o)
    const before = await readFile(file, 'utf8').catch(() => null)
    await writeFileSafely(file, text, {
      expectedHash: before === null ? null : sha256(before),
      mode: 0o600,
      backup: false,
    })
    return `wrote ${o.writeTo} (mode 0600)\n`
  }
  if (o.reveal && !o.dryRun) return text
  return null
}

export const runRotate = async (o: RotateOptions): Promise<RotateOutcome> => {
  const deployment = await loadDeployment(o.inputs, { cwd: o.cwd })
  const list: SecretList =
    o.current === undefined
      ? secretsFromView(deployment.view, o.purpose)
      : { key: `secrets.${o.purpose}`, secrets: o.current }
  const retention = retentionFor(deployment.view, o.purpose)
  const stateFile = stateFileFor(o)
  const loaded = await readState(stateFile)
  const records = loaded.state.purposes[o.purpose] ?? []
  if (o.check) return check(o, list, records, retention)
  const added = generateSecret(o.purpose)
  const plan = planRotation({
    purpose: o.purpose,
    current: list.secrets,
    records,
    now: o.now,
    retentionSeconds: retention.seconds,
    newSecret: added,
  })
  const lines = summary(list, plan, added)
  let stdout = ''
  let delivered = !o.dryRun
  if (o.output === 'config') {
    stdout += await deliverConfig(deployment, o, list, plan)
  } else {
    const text = await deliverText(o, list, plan)
    if (text === null) {
      delivered = false
      stdout += labelledRedactor(secretLabels(added, list.secrets)).text(
        o.output === 'env'
          ? renderEnv(list.key, plan.secrets)
          : renderK8sSecret(o.secretName, list.key, plan.secrets),
      )
      lines.push(
        'preview only: pass --reveal to print the secrets, or --write-to FILE (0600); nothing was recorded',
      )
    } else stdout += text
  }
  if (delivered)
    await writeState(stateFile, loaded, withPurpose(loaded.state, o.purpose, plan.records))
  else if (o.dryRun) lines.push('dry run: nothing written, nothing recorded')
  return { code: 0, stdout, stderr: `${lines.join('\n')}\n` }
}
