/** Go's scalar parsing as Kratos' loader applies it to strings (FACTS.md §1.1, §3). */

const trueSet = new Set(['1', 't', 'T', 'TRUE', 'true', 'True'])
const falseSet = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False'])

/** `strconv.ParseBool`: null when Go rejects the text (`yes`, `on`, ` true`). */
export const parseGoBool = (text: string): boolean | null => {
  if (trueSet.has(text)) return true
  if (falseSet.has(text)) return false
  return null
}

/**
 * `strconv.ParseInt(s, 0, 64)` after cast's trailing-`.0` trim: decimal, `0x`, `0o`, `0b` and
 * legacy leading-zero octal, with `_` separators only after a base prefix. Null when rejected.
 */
export const parseGoInt = (text: string): number | null => {
  const trimmed = text.replace(/\.0*$/, '')
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7]*|[1-9][0-9]*)$/.exec(
    trimmed,
  )
  if (match === null) return null
  const [, sign = '', body = ''] = match
  const digits = body.replace(/_/g, '')
  const value = /^0[xXoObB]/.test(digits)
    ? Number(digits.toLowerCase())
    : /^0\d/.test(digits)
      ? parseInt(digits, 8)
      : Number(digits)
  if (!Number.isFinite(value)) return null
  return sign === '-' ? -value : value
}

/** `strconv.ParseFloat`: null when rejected. */
export const parseGoFloat = (text: string): number | null => {
  if (
    !/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|[iI]nf(inity)?|[nN]a[nN])$/.test(text)
  ) {
    return null
  }
  const lower = text.toLowerCase().replace(/^\+/, '')
  if (lower.endsWith('nan')) return Number.NaN
  if (lower.includes('inf')) return lower.startsWith('-') ? -Infinity : Infinity
  return Number(text)
}

/** One line of `encoding/csv` (comma separator, `"` quoting with `""` escapes). */
export const parseCsvLine = (line: string): string[] | null => {
  const fields: string[] = []
  let i = 0
  for (;;) {
    if (line[i] === '"') {
      let value = ''
      i += 1
      for (;;) {
        const quote = line.indexOf('"', i)
        if (quote < 0) return null
        value += line.slice(i, quote)
        if (line[quote + 1] === '"') {
          value += '"'
          i = quote + 2
          continue
        }
        i = quote + 1
        break
      }
      fields.push(value)
      if (i === line.length) return fields
      if (line[i] !== ',') return null
      i += 1
    } else {
      const comma = line.indexOf(',', i)
      const end = comma < 0 ? line.length : comma
      const value = line.slice(i, end)
      if (value.includes('"')) return null
      fields.push(value)
      if (comma < 0) return fields
      i = comma + 1
    }
  }
}
