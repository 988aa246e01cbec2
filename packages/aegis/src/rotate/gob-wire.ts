/**
 * The integer and byte primitives of Go's encoding/gob wire format, written from its documentation
 * (golang/go src/encoding/gob/doc.go, "Encoding details") and encode.go (`encodeUint`, `encodeInt`).
 *
 * - An unsigned integer below 128 is one byte. Otherwise it is its big-endian bytes without leading
 *   zeros, preceded by the byte count negated (0xFF = 1 byte … 0xF8 = 8 bytes).
 * - A signed integer is shifted left one bit; a negative one is complemented first and its low bit
 *   set (`x = ^i<<1 | 1`).
 * - Strings and byte slices are an unsigned length followed by the bytes.
 */

export class GobError extends Error {
  override readonly name = 'GobError'
}

export class GobWriter {
  private readonly bytes: number[] = []

  uint(value: bigint | number): this {
    const x = BigInt(value)
    if (x < 0n) throw new GobError('negative unsigned integer')
    if (x < 0x80n) {
      this.bytes.push(Number(x))
      return this
    }
    const be: number[] = []
    for (let v = x; v > 0n; v >>= 8n) be.unshift(Number(v & 0xffn))
    if (be.length > 8) throw new GobError('integer wider than 64 bits')
    this.bytes.push(256 - be.length, ...be)
    return this
  }

  int(value: bigint | number): this {
    const i = BigInt(value)
    return this.uint(i < 0n ? (~i << 1n) | 1n : i << 1n)
  }

  raw(data: Uint8Array): this {
    for (const b of data) this.bytes.push(b)
    return this
  }

  string(text: string): this {
    const data = new TextEncoder().encode(text)
    return this.uint(data.length).raw(data)
  }

  /** The message framing of `Encoder.writeMessage`: an unsigned byte count, then the body. */
  message(body: Uint8Array): this {
    return this.uint(body.length).raw(body)
  }

  get length(): number {
    return this.bytes.length
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes)
  }
}

export class GobReader {
  private pos = 0
  private readonly data: Uint8Array

  constructor(data: Uint8Array) {
    this.data = data
  }

  get done(): boolean {
    return this.pos >= this.data.length
  }

  get remaining(): number {
    return this.data.length - this.pos
  }

  byte(): number {
    const b = this.data[this.pos]
    if (b === undefined) throw new GobError('unexpected end of gob data')
    this.pos++
    return b
  }

  bytes(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.data.length) throw new GobError('gob length out of range')
    const out = this.data.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }

  bigUint(): bigint {
    const first = this.byte()
    if (first < 0x80) return BigInt(first)
    const n = 256 - first
    if (n > 8) throw new GobError('invalid gob unsigned integer')
    let x = 0n
    for (const b of this.bytes(n)) x = (x << 8n) | BigInt(b)
    return x
  }

  uint(): number {
    const x = this.bigUint()
    if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new GobError('gob count too large')
    return Number(x)
  }

  bigInt(): bigint {
    const x = this.bigUint()
    return (x & 1n) === 1n ? ~(x >> 1n) : x >> 1n
  }

  int(): number {
    return Number(this.bigInt())
  }

  string(): string {
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes(this.uint()))
  }
}
