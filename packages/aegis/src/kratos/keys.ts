/** Key lookups over the compiled model (APIS.md "Kratos model"). */
import { compile, findNode } from './compile.ts'
import type { KeySpec, KratosVersion } from './types.ts'

/** The spec of a concrete dotted path (`secrets.cookie.0`, `session.whoami.tokenizer.templates.a.ttl`). */
export const keySpec = (path: string, version: KratosVersion): KeySpec | undefined => {
  const node = findNode(path, version)
  return node === undefined ? undefined : compile(version).specs.get(node.path)
}

/** The direct children of an object key ('' = root), including a map's `*` entry. */
export const childKeys = (path: string, version: KratosVersion): readonly KeySpec[] => {
  const node = findNode(path, version)
  if (node === undefined) return []
  const { specs } = compile(version)
  const children = [...Object.values(node.props ?? {})]
  if (node.map !== undefined) children.push(node.map)
  return children.flatMap((child) => specs.get(child.path) ?? [])
}

/** Every key of a version, objects and leaves, in model order. */
export const allKeys = (version: KratosVersion): readonly KeySpec[] =>
  [...compile(version).specs.values()].filter((spec) => spec.path !== '')

/** The schema default of a key (undefined when there is none). */
export const defaultValue = (path: string, version: KratosVersion): unknown =>
  keySpec(path, version)?.default
