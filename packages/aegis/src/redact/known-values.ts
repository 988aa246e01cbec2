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
 *
 * Most texts hold no remembered value (the audit engine redacts each finding message, and a
 * configuration's messages quote no secret), so a text is first checked with a rolling hash of
 * the values' first `k` code units (`k`: the shortest value's length): each window's hash is
 * looked up in a 4,096-bit filter, and only a filter hit in the exact set of hashes. O(text),
 * a few operations per code unit, and nothing built but the hashes. Only a text with a possible
 * occurrence goes through (and at first builds) the automaton; one without any is returned as it
 * is, which is what the automaton would return.
 */

/**
 * The automaton in flat arrays sized by the total length of the values; state 0 is the root.
 * Tries of secrets are mostly chains, so a state's first edge sits in `char1`/`next1` and only
 * branching states get a Map, and the root, where a scan spends most of its time, has a table
 * for ASCII. Building stays cheap enough to do per view (the audit engine builds one for each
 * configuration that has findings).
 */
class Automaton {
  // Plain arrays, not typed ones: each typed array is a separate off-heap buffer, and allocating
  // six of them per view cost more than the whole build (measured with --cpu-prof).
  readonly char1: number[]
  readonly next1: number[]
  readonly more = new Map<number, Map<number, number>>()
  readonly fail: number[]
  /** Length of the longest value that ends in a state (its own or along its fail chain), or 0. */
  readonly out: number[]
  /** Index of that value's label. */
  readonly labelOf: number[]
  /** Root edges for ASCII code units (0 = none: no edge leads back to the root). */
  readonly rootAscii: number[] = new Array<number>(128).fill(0)
  size = 1

  constructor(capacity: number) {
    this.char1 = new Array<number>(capacity).fill(-1)
    this.next1 = new Array<number>(capacity).fill(0)
    this.fail = new Array<number>(capacity).fill(0)
    this.out = new Array<number>(capacity).fill(0)
    this.labelOf = new Array<number>(capacity).fill(0)
  }

  /** The state reached from `s` over `c`, or -1. */
  edge(s: number, c: number): number {
    if (s === 0 && c < 128) return this.rootAscii[c] || -1
    const first = this.char1[s]
    if (first === c) return this.next1[s] ?? -1
    // Most states are links of a chain: one edge, no Map to look into.
    if (first === -1) return -1
    return this.more.get(s)?.get(c) ?? -1
  }

  add(s: number, c: number): number {
    const t = this.size++
    if (s === 0 && c < 128) this.rootAscii[c] = t
    if (this.char1[s] === -1) {
      this.char1[s] = c
      this.next1[s] = t
    } else {
      const m = this.more.get(s) ?? new Map<number, number>()
      m.set(c, t)
      this.more.set(s, m)
    }
    return t
  }

  /** Sets the fail link of child `t` of `s` (reached over `c`); parents are done first. */
  link(s: number, c: number, t: number): void {
    let f = this.fail[s] ?? 0
    let target = s === 0 ? -1 : this.edge(f, c)
    while (target === -1 && f !== 0) {
      f = this.fail[f] ?? 0
      target = this.edge(f, c)
    }
    const fail = target !== -1 && target !== t ? target : 0
    this.fail[t] = fail
    if (this.out[t] === 0 && (this.out[fail] ?? 0) > 0) {
      this.out[t] = this.out[fail] ?? 0
      this.labelOf[t] = this.labelOf[fail] ?? 0
    }
  }
}

interface Span {
  start: number
  end: number
  label: string
  longest: number
}

/** Multiplier of the rolling hash (odd, so no information is shifted out mod 2^32). */
const base = 0x01000193

/** The hash of `text`'s `k` code units from `at` (polynomial in `base`, mod 2^32). */
const hashAt = (text: string, at: number, k: number): number => {
  let h = 0
  for (let i = at; i < at + k; i++) h = (Math.imul(h, base) + text.charCodeAt(i)) | 0
  return h
}

export class KnownValues {
  readonly #labels = new Map<string, string>()
  #automaton: Automaton | null = null
  #labelList: string[] = []
  /** Length of the shortest value. */
  #shortest = Infinity
  /** Hashes of every value's first `#shortest` code units; null until needed after a change. */
  #heads: Set<number> | null = null
  /**
   * The same hashes as a 4,096-bit filter (bit `h >>> 20`), in 128 words: an Int32Array, since
   * a plain array holding bit 31 turns into doubles and the scan ran twice as long.
   */
  #filter = new Int32Array(0)
  /** `base` to the power `#shortest`, to take a code unit out of a window's hash. */
  #drop = 1

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
    this.#heads = null
    this.#shortest = Math.min(this.#shortest, value.length)
  }

  /**
   * False when no value occurs in `text`: no window of `k` code units hashes like a value's
   * first `k`. True may be a collision; the automaton then decides.
   */
  #mayOccur(text: string): boolean {
    const k = this.#shortest
    if (text.length < k) return false
    if (this.#heads === null) {
      this.#heads = new Set()
      this.#filter = new Int32Array(128)
      for (const value of this.#labels.keys()) {
        const h = hashAt(value, 0, k)
        this.#heads.add(h)
        this.#filter[h >>> 25] = (this.#filter[h >>> 25] ?? 0) | (1 << ((h >>> 20) & 31))
      }
      this.#drop = 1
      for (let i = 0; i < k; i++) this.#drop = Math.imul(this.#drop, base)
    }
    const heads = this.#heads
    const filter = this.#filter
    const drop = this.#drop
    let h = hashAt(text, 0, k)
    for (let i = k; ; i++) {
      if (((filter[h >>> 25] ?? 0) & (1 << ((h >>> 20) & 31))) !== 0 && heads.has(h)) return true
      if (i === text.length) return false
      h = (Math.imul(h, base) + text.charCodeAt(i) - Math.imul(text.charCodeAt(i - k), drop)) | 0
    }
  }

  #build(): Automaton {
    let capacity = 1
    for (const value of this.#labels.keys()) capacity += value.length
    const a = new Automaton(capacity)
    this.#labelList = []
    for (const [value, label] of this.#labels) {
      let s = 0
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i)
        const t = a.edge(s, c)
        s = t === -1 ? a.add(s, c) : t
      }
      a.out[s] = value.length
      a.labelOf[s] = this.#labelList.length
      this.#labelList.push(label)
    }
    // Breadth first, so a state's fail target is complete before its children are visited.
    const queue = new Array<number>(a.size).fill(0)
    let tail = 0
    for (let head = -1; head < tail; head++) {
      const s = head === -1 ? 0 : (queue[head] ?? 0)
      const first = a.char1[s] ?? -1
      if (first === -1) continue
      const t = a.next1[s] ?? 0
      a.link(s, first, t)
      queue[tail++] = t
      for (const [c, u] of a.more.get(s) ?? []) {
        a.link(s, c, u)
        queue[tail++] = u
      }
    }
    return a
  }

  /** `text` with every remembered value replaced by its label. */
  replace(text: string): string {
    if (this.#labels.size === 0 || text === '') return text
    if (!this.#mayOccur(text)) return text
    const a = (this.#automaton ??= this.#build())
    // Disjoint spans in text order; a new match swallows the spans it overlaps or touches.
    const spans: Span[] = []
    let s = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      let t = a.edge(s, c)
      while (t === -1 && s !== 0) {
        s = a.fail[s] ?? 0
        t = a.edge(s, c)
      }
      s = t === -1 ? 0 : t
      if (s === 0) continue
      const length = a.out[s] ?? 0
      if (length === 0) continue
      const span: Span = {
        start: i + 1 - length,
        end: i + 1,
        label: this.#labelList[a.labelOf[s] ?? 0] ?? '',
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
