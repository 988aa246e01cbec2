/**
 * Compose variable interpolation (compose specification, "Interpolation"): `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`,
 * and `$$` for a literal `$`. Nested defaults (`${A:-${B}}`) are resolved too.
 */

export interface Interpolated {
  readonly value: string
  /** Variables that were needed but not given: the value is decided at deploy time. */
  readonly missing: string[]
}

const nameRe = /^[A-Za-z_][A-Za-z0-9_]*/

/** Finds the `}` that closes a `${` starting at `from` (just after the `{`). */
const closingBrace = (text: string, from: number): number => {
  let depth = 1
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++
      i++
    } else if (text[i] === '}' && --depth === 0) return i
  }
  return -1
}

export const interpolate = (
  text: string,
  vars: ReadonlyMap<string, string>,
  depth = 0,
): Interpolated => {
  const missing: string[] = []
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? ''
    if (c !== '$') {
      out += c
      continue
    }
    const next = text[i + 1]
    if (next === '$') {
      out += '$'
      i++
      continue
    }
    if (next === '{' && depth < 10) {
      const end = closingBrace(text, i + 2)
      if (end === -1) {
        out += text.slice(i)
        break
      }
      const body = text.slice(i + 2, end)
      i = end
      const name = nameRe.exec(body)?.[0] ?? ''
      const op = /^(:?[-?+])?/.exec(body.slice(name.length))?.[0] ?? ''
      const arg = body.slice(name.length + op.length)
      const value = vars.get(name)
      const empty = value === undefined || (op.startsWith(':') && value === '')
      const sub = (t: string): string => {
        const r = interpolate(t, vars, depth + 1)
        missing.push(...r.missing)
        return r.value
      }
      if (op === ':-' || op === '-') out += empty ? sub(arg) : value
      else if (op === ':+' || op === '+') out += empty ? '' : sub(arg)
      else if (empty) {
        missing.push(name)
      } else out += value
      continue
    }
    const name = nameRe.exec(text.slice(i + 1))?.[0]
    if (name === undefined) {
      out += '$'
      continue
    }
    const value = vars.get(name)
    if (value === undefined) missing.push(name)
    else out += value
    i += name.length
  }
  return { value: out, missing }
}
