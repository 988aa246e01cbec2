/**
 * Replaces every occurrence of remembered values in a text in one pass, O(text length) per call:
 * an Aho-Corasick automaton over UTF-16 code units, built lazily on the first call after a value
 * was added and reused until the next one. A linear scan matters because redaction runs on every
 * finding message and every piece of probe evidence (issue #3 throughput target), and the old
 * `split/join` per value was O(text × values).
 *
 * Overlapping occurrences are merged and replaced as one span, so a value that contains another
 * (or overlaps it) never leaves a fragment behind; the label is that of the longest value in the
 * span ("longest first").
 */

/** Failure links and outputs of the automaton; state 0 is the root. */
interface Automaton {
  readonly next: Map<number, number>[]
  readonly fail: number[]
  /** Length of the longest value that ends in a state (its own or along its fail chain), or 0. */
  readonly out: number[]
  /** The label of that value. */
  readonly label: string[]
}

interface Span {
  start: number
  end: number
  label: string
  longest: number
}

export class KnownValues {
  readonly #labels = new Map<string, string>()
  #automaton: Automaton | null = null

  get size(): number {
    return this.#labels.size
  }

  has(value: string): boolean {
    return this.#labels.has(value)
  }

  /** Remembers `value`; the first label given for a value wins. */
  add(value: string, label: string): void {
    if (value === '' || this.#labels.has(value)) return
    this.#labels.set(value, label)
    this.#automaton = null
  }

  #build(): Automaton {
    const a: Automaton = { next: [new Map<number, number>()], fail: [0], out: [0], label: [''] }
    for (const [value, label] of this.#labels) {
      let s = 0
      for (let i = 0; i < value.length; i++) {
        const edges = a.next[s] ?? new Map<number, number>()
        let t = edges.get(value.charCodeAt(i))
        if (t === undefined) {
          t = a.next.length
          a.next.push(new Map())
          a.fail.push(0)
          a.out.push(0)
          a.label.push('')
          edges.set(value.charCodeAt(i), t)
        }
        s = t
      }
      a.out[s] = value.length
      a.label[s] = label
    }
    // Breadth first, so a state's fail target is complete before its children are visited.
    const queue: number[] = [...(a.next[0]?.values() ?? [])]
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] ?? 0
      for (const [c, t] of a.next[s] ?? []) {
        let f = a.fail[s] ?? 0
        let target = s === 0 ? undefined : a.next[f]?.get(c)
        while (target === undefined && f !== 0) {
          f = a.fail[f] ?? 0
          target = a.next[f]?.get(c)
        }
        const fail = target !== undefined && target !== t ? target : 0
        a.fail[t] = fail
        if ((a.out[t] ?? 0) === 0 && (a.out[fail] ?? 0) > 0) {
          a.out[t] = a.out[fail] ?? 0
          a.label[t] = a.label[fail] ?? ''
        }
        queue.push(t)
      }
    }
    return a
  }

  /** `text` with every remembered value replaced by its label. */
  replace(text: string): string {
    if (this.#labels.size === 0 || text === '') return text
    const a = (this.#automaton ??= this.#build())
    // Disjoint spans in text order; a new match swallows the spans it overlaps or touches.
    const spans: Span[] = []
    let s = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      let t = a.next[s]?.get(c)
      while (t === undefined && s !== 0) {
        s = a.fail[s] ?? 0
        t = a.next[s]?.get(c)
      }
      s = t ?? 0
      const length = a.out[s] ?? 0
      if (length === 0) continue
      const span: Span = {
        start: i + 1 - length,
        end: i + 1,
        label: a.label[s] ?? '',
        longest: length,
      }
      for (
        let last = spans.at(-1);
        last !== undefined && last.end >= span.start;
        last = spans.at(-1)
      ) {
        span.start = Math.min(span.start, last.start)
        if (last.longest > span.longest) {
          span.longest = last.longest
          span.label = last.label
        }
        spans.pop()
      }
      spans.push(span)
    }
    if (spans.length === 0) return text
    let out = ''
    let at = 0
    for (const span of spans) {
      out += text.slice(at, span.start) + span.label
      at = span.end
    }
    return out + text.slice(at)
  }
}
