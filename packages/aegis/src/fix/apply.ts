/**
 * The fix engine: turns the `Fix` data findings carry into edits of the files the values come
 * from. Rules decide what to change; this decides where, and whether it may (safe vs unsafe,
 * secrets only where they cannot leak into version control).
 */
import { resolve } from 'node:path'
import type { LoadedDeployment } from '../config/load-types.ts'
import type { Finding, FixEdit } from '../engine/finding.ts'
import { effectiveFix } from '../engine/fix-kind.ts'
import { generateSecret } from '../rotate/plan.ts'
import {
  envValue,
  removeComposeEnv,
  removeEnvFileLine,
  setComposeEnv,
  setEnvFileLine,
} from './carriers-edit.ts'
import { removeJsonEdit, setJsonEdit, verifyJsonEdit } from './json-edit.ts'
import { isGitTracked } from './safe-write.ts'
import { envNameOf } from '../kratos/env.ts'
import { targetFor, type Target } from './targets.ts'
import {
  applyEdits,
  parseYaml,
  removeEdit,
  removeIn,
  setEdit,
  setIn,
  verifyEdit,
} from './yaml-edit.ts'

export interface FixOptions {
  readonly cwd: string
  readonly unsafe: boolean
  readonly allowSecretInFile: boolean
}

export interface FileChange {
  readonly file: string
  readonly absPath: string
  readonly before: string
  readonly after: string
}

export interface FixPlan {
  readonly changes: readonly FileChange[]
  readonly applied: readonly {
    readonly ruleId: string
    readonly description: string
    readonly file: string
  }[]
  readonly manual: readonly { readonly ruleId: string; readonly instruction: string }[]
  readonly skipped: readonly { readonly ruleId: string; readonly reason: string }[]
  /** Generated secrets; `file` is where one was written, null when it must go to a secret manager. */
  readonly secrets: readonly {
    readonly key: string
    readonly value: string
    readonly file: string | null
  }[]
}

interface Work {
  readonly texts: Map<string, string>
  readonly expected: Map<string, unknown>
}

const isJson = (file: string): boolean => /\.json$/i.test(file)

const editConfig = (
  w: Work,
  file: string,
  path: readonly string[],
  op: 'set' | 'remove',
  value?: unknown,
): void => {
  const text = w.texts.get(file) ?? ''
  const before =
    w.expected.get(file) ??
    (text.trim() === ''
      ? {}
      : (JSON.parse(JSON.stringify(parseYaml(text).toJS() ?? {})) as unknown))
  const want = op === 'set' ? setIn(before, path, value) : removeIn(before, path)
  if (isJson(file) && text.trim() === '') {
    w.texts.set(file, `${JSON.stringify(want, null, 2)}\n`)
  } else if (isJson(file)) {
    // Spliced like YAML (QA L16): formatting, key order and indentation of the rest are kept.
    const doc = parseYaml(text)
    const edit =
      op === 'set' ? setJsonEdit(text, doc, path, value) : removeJsonEdit(text, doc, path)
    const after = edit === null ? text : applyEdits(text, [edit])
    verifyJsonEdit(after, want)
    w.texts.set(file, after)
  } else {
    const doc = parseYaml(text)
    const edit = op === 'set' ? setEdit(text, doc, path, value) : removeEdit(text, doc, path)
    const after = edit === null ? text : applyEdits(text, [edit])
    verifyEdit(after, want)
    w.texts.set(file, after)
  }
  w.expected.set(file, want)
}

const editCarrier = (
  w: Work,
  t: Target,
  key: string,
  op: 'set' | 'remove',
  value?: unknown,
): void => {
  if (t.kind === 'compose-env' || t.kind === 'env-file') {
    const text = w.texts.get(t.file) ?? ''
    const after =
      t.kind === 'compose-env'
        ? op === 'set'
          ? setComposeEnv(text, t.line, t.column, t.envVar, value)
          : removeComposeEnv(text, t.line, t.column)
        : op === 'set'
          ? setEnvFileLine(text, t.line, t.envVar, value)
          : removeEnvFileLine(text, t.line)
    w.texts.set(t.file, after)
  } else if (t.kind === 'config') {
    editConfig(w, t.file, t.path, op, value)
  } else {
    throw new Error(`cannot edit ${key} in place`)
  }
}

const instruction = (edit: FixEdit, t: Target, shown: unknown): string => {
  const env =
    edit.op === 'remove'
      ? `unset ${envNameOf(edit.key)}`
      : `${envNameOf(edit.key)}=${envValue(shown)}`
  const what =
    edit.op === 'remove'
      ? `remove ${edit.key}`
      : edit.op === 'rename'
        ? `rename ${edit.key} to ${edit.to}`
        : `set ${edit.key} to ${JSON.stringify(shown)}`
  return `${what} in ${t.kind === 'manual' ? t.where : t.file} (as env: ${env})`
}

const secretValue = (key: string, length: number): string | string[] => {
  const purpose = key === 'secrets.cipher' ? 'cipher' : 'cookie'
  // `secrets.cipher` must be exactly 32 characters (schema min = max = 32, FACTS.md §1.3); other
  // secrets get at least 32 (192 bits from this alphabet; ASVS 5.0 11.2.3 asks for 128).
  const value = generateSecret(purpose, purpose === 'cipher' ? 32 : Math.max(length, 32))
  // Every `secrets.*` key is an array of strings (FACTS.md §1.3); the new one stands alone so a
  // weak or leaked predecessor stops verifying at once.
  return key.startsWith('secrets.') ? [value] : value
}

export const planFixes = async (
  d: LoadedDeployment,
  findings: readonly Finding[],
  o: FixOptions,
): Promise<FixPlan> => {
  const w: Work = { texts: new Map([...d.files].map(([k, f]) => [k, f.text])), expected: new Map() }
  const applied: FixPlan['applied'][number][] = []
  const manual: FixPlan['manual'][number][] = []
  const skipped: FixPlan['skipped'][number][] = []
  const secrets: FixPlan['secrets'][number][] = []
  const done = new Set<string>()
  for (const f of findings) {
    if (f.fix === null || f.suppressed !== null) continue
    if (effectiveFix(f.fix, d.view).kind === 'unsafe' && !o.unsafe) {
      skipped.push({
        ruleId: f.ruleId,
        reason: `unsafe fix (${f.fix.description}); pass --unsafe to apply`,
      })
      continue
    }
    for (const edit of f.fix.edits) {
      const id = JSON.stringify(edit)
      if (done.has(id)) continue
      done.add(id)
      const t = targetFor(d, edit.key)
      if (edit.op === 'remove' && d.view.origin(edit.key).kind === 'default') continue
      let value: unknown =
        edit.op === 'set' ? edit.value : edit.op === 'rename' ? d.view.get(edit.key) : undefined
      let isSecret = false
      if (edit.op === 'generate-secret') {
        value = secretValue(edit.key, edit.length)
        isSecret = true
      }
      const file = t.kind === 'manual' ? null : t.file
      const blocked =
        isSecret &&
        file !== null &&
        !o.allowSecretInFile &&
        (await isGitTracked(resolve(o.cwd, file)))
      if (t.kind === 'manual' || blocked || (edit.op === 'rename' && t.kind !== 'config')) {
        const shown = isSecret ? '<generated secret>' : value
        manual.push({
          ruleId: f.ruleId,
          instruction:
            instruction(edit, t, shown) +
            (blocked
              ? '; not written: git tracks that file (use a secret manager, or --allow-secret-in-file)'
              : ''),
        })
        if (isSecret) secrets.push({ key: edit.key, value: flat(value), file: null })
        continue
      }
      try {
        if (edit.op === 'rename' && t.kind === 'config') {
          editConfig(w, t.file, edit.to.split('.'), 'set', value)
          editConfig(w, t.file, t.path, 'remove')
        } else editCarrier(w, t, edit.key, edit.op === 'remove' ? 'remove' : 'set', value)
        applied.push({ ruleId: f.ruleId, description: f.fix.description, file: t.file })
        if (isSecret) secrets.push({ key: edit.key, value: flat(value), file: t.file })
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        manual.push({
          ruleId: f.ruleId,
          instruction: `${instruction(edit, t, isSecret ? '<generated secret>' : value)} (automatic edit failed: ${why})`,
        })
        if (isSecret) secrets.push({ key: edit.key, value: flat(value), file: null })
      }
    }
  }
  const changes = [...w.texts]
    .filter(([file, text]) => d.files.get(file)?.text !== text)
    .map(([file, after]) => ({
      file,
      absPath: resolve(o.cwd, file),
      before: d.files.get(file)?.text ?? '',
      after,
    }))
  return { changes, applied, manual, skipped, secrets }
}

const flat = (v: unknown): string => (Array.isArray(v) ? String(v[0]) : String(v))
