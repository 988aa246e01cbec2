/**
 * Where and why a text is not JSON, without quoting it. V8's own messages (Node 20) embed up to
 * ten characters of the input around an unexpected token ("Unexpected token 's', "…s3cr3t"… is
 * not valid JSON"), and a Kratos config's input around an error is often a secret: the message
 * is rebuilt from a fixed vocabulary and the offset found by a small scanner of our own.
 */
export interface JsonProblem {
  readonly offset: number
  readonly reason: string
}

const ws = new Set([' ', '\t', '\n', '\r'])
const jsonNumber = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

class Problem extends Error implements JsonProblem {
  readonly offset: number
  readonly reason: string
  constructor(offset: number, reason: string) {
    super(reason)
    this.offset = offset
    this.reason = reason
  }
}

class Scan {
  i = 0
  readonly s: string
  constructor(s: string) {
    this.s = s
  }
  skip(): void {
    while (ws.has(this.s.charAt(this.i))) this.i++
  }
  fail(reason: string): never {
    throw new Problem(this.i, reason)
  }
  value(depth: number): void {
    if (depth > 1_000) this.fail('nested too deeply')
    this.skip()
    const c = this.s[this.i]
    if (c === undefined) this.fail('unexpected end of input')
    if (c === '{') {
      this.object(depth)
      return
    }
    if (c === '[') {
      this.array(depth)
      return
    }
    if (c === '"') {
      this.string()
      return
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      this.number()
      return
    }
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length
        return
      }
    }
    this.fail(c === "'" ? 'single quotes are not JSON; use double quotes' : 'unexpected character')
  }
  object(depth: number): void {
    this.members('}', 'after the property value', () => {
      this.skip()
      if (this.s[this.i] !== '"') this.fail('expected a double-quoted property name')
      this.string()
      this.skip()
      if (this.s[this.i] !== ':') this.fail("expected ':' after the property name")
      this.i++
      this.value(depth + 1)
    })
  }
  array(depth: number): void {
    this.members(']', 'after the array element', () => {
      this.value(depth + 1)
    })
  }
  /** An object's or array's members (its bracket at `i`): none, or `member` between commas. */
  members(close: '}' | ']', after: string, member: () => void): void {
    this.i++
    this.skip()
    if (this.s[this.i] === close) {
      this.i++
      return
    }
    for (;;) {
      member()
      this.skip()
      const c = this.s[this.i]
      if (c === close) {
        this.i++
        return
      }
      if (c !== ',') this.fail(`expected ',' or '${close}' ${after}`)
      this.i++
    }
  }
  string(): void {
    this.i++
    for (;;) {
      const c = this.s[this.i]
      if (c === undefined) this.fail('unterminated string')
      if (c === '"') {
        this.i++
        return
      }
      if (c.charCodeAt(0) < 0x20) this.fail('control character in a string')
      if (c === '\\') {
        const e = this.s[this.i + 1]
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6)))
            this.fail('bad \\u escape in a string')
          this.i += 6
          continue
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('bad escape in a string')
        this.i += 2
        continue
      }
      this.i++
    }
  }
  number(): void {
    // Sticky: matched in place, whatever the number's length (no slice of the rest of the text).
    jsonNumber.lastIndex = this.i
    const m = jsonNumber.exec(this.s)
    if (m === null) this.fail('malformed number')
    this.i += m[0].length
  }
}

/** The first problem in `text` as JSON, or undefined when it parses. */
export const jsonProblem = (text: string): JsonProblem | undefined => {
  const scan = new Scan(text)
  try {
    scan.value(0)
    scan.skip()
    if (scan.i < scan.s.length) scan.fail('unexpected text after the JSON value')
    return undefined
  } catch (problem) {
    if (problem instanceof Problem) return { offset: problem.offset, reason: problem.reason }
    throw problem
  }
}
