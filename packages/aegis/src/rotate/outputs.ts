/**
 * The three forms a rotated list can take: the config file edited in place (only the list's
 * items change), the environment form (a JSON array, the one form Kratos always reads right,
 * FACTS.md §3), or a Kubernetes Secret whose keys are those env var names.
 */
import { redactedWith } from '../redact/placeholder.ts'
import { isSeq, stringify, type Document } from 'yaml'
import {
  applyEdits,
  renderInline,
  setEdit,
  setIn,
  verifyEdit,
  type TextEdit,
} from '../fix/yaml-edit.ts'
import { fingerprint } from './state.ts'
import { envNameOf } from '../kratos/env.ts'

export const outputs = ['config', 'env', 'k8s-secret'] as const
export type OutputForm = (typeof outputs)[number]

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`

export const renderEnv = (key: string, secrets: readonly string[]): string =>
  `${envNameOf(key)}=${shellQuote(JSON.stringify(secrets))}\n`

export const renderK8sSecret = (name: string, key: string, secrets: readonly string[]): string =>
  stringify(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name },
      type: 'Opaque',
      stringData: { [envNameOf(key)]: JSON.stringify(secrets) },
    },
    { lineWidth: 0 },
  )

/**
 * Edits the list item by item when it is a block sequence (each kept item keeps its line, quoting
 * and comment; the new one goes above the first), else replaces the value as a whole.
 */
export const rotateInConfig = (
  text: string,
  doc: Document,
  path: readonly string[],
  next: readonly string[],
  previous: readonly string[],
): string => {
  const node = doc.getIn(path, true)
  let edits: TextEdit[]
  const [added] = next
  const itemwise =
    isSeq(node) &&
    !node.flow &&
    node.items.length === previous.length &&
    next.includes(previous[0] ?? '')
  if (itemwise && isSeq(node) && added !== undefined) {
    edits = []
    const items = node.items as { range?: [number, number, number] | null }[]
    const firstStart = items[0]?.range?.[0]
    if (firstStart === undefined) throw new Error('sequence item without position')
    const dash = text.lastIndexOf('-', firstStart)
    const indent = dash - (text.lastIndexOf('\n', dash) + 1)
    edits.push({ start: dash, end: dash, text: `- ${renderInline(added)}\n${' '.repeat(indent)}` })
    previous.forEach((secret, i) => {
      if (next.includes(secret)) return
      const r = items[i]?.range
      if (!r) return
      const start = text.lastIndexOf('\n', r[0]) + 1
      const nl = text.indexOf('\n', r[2] - 1)
      edits.push({ start, end: nl < 0 ? text.length : nl + 1, text: '' })
    })
  } else {
    edits = [setEdit(text, doc, path, next)]
  }
  const after = applyEdits(text, edits)
  verifyEdit(after, setIn(doc.toJS() ?? {}, path, [...next]))
  return after
}

/** Labels for every secret involved, so previews and diffs show fingerprints only. */
export const secretLabels = (added: string, others: readonly string[]): Map<string, string> =>
  new Map([
    [added, redactedWith(`new secret ${fingerprint(added)}, ${added.length} chars`)],
    ...others.map((s): [string, string] => [s, redactedWith(`secret ${fingerprint(s)}`)]),
  ])
