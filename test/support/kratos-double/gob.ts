// Just enough of Go's encoding/gob for the value Kratos stores in its session cookie: a
// map[interface{}]interface{} holding strings and a time.Time (FACTS §4.1, IssueCookie). Written from
// the gob wire format documentation (pkg.go.dev/encoding/gob); only what the double needs.
// TODO(double): switch to packages/aegis/src/rotate/securecookie.ts once the production codec lands.

export type GobValue = string | number | boolean | Date | Uint8Array

const tBool = 1
const tInt = 2
const tString = 6
const tInterface = 8
const firstUserId = 65
// Seconds between 0001-01-01 and 1970-01-01: Go's time.Time counts from year 1.
const unixToInternal = 62135596800n

class Out {
  readonly bytes: number[] = []
  uint(value: number | bigint): this {
    let v = BigInt(value)
    if (v < 128n) {
      this.bytes.push(Number(v))
      return this
    }
    const digits: number[] = []
    while (v > 0n) {
      digits.unshift(Number(v & 0xffn))
      v >>= 8n
    }
    this.bytes.push(256 - digits.length, ...digits)
    return this
  }
  int(value: number | bigint): this {
    const v = BigInt(value)
    return this.uint(v < 0n ? (~v << 1n) | 1n : v << 1n)
  }
  string(s: string): this {
    return this.raw(Buffer.from(s, 'utf8'))
  }
  raw(data: Uint8Array): this {
    this.uint(data.length)
    for (const b of data) this.bytes.push(b)
    return this
  }
  concat(other: Out): this {
    this.bytes.push(...other.bytes)
    return this
  }
}

const commonType = (name: string, id: number): Out =>
  new Out().uint(1).string(name).uint(1).int(id).uint(0)

const message = (payload: Out): Out => new Out().uint(payload.bytes.length).concat(payload)

const mapTypeDef = (id: number): Out =>
  // wireType field MapT (index 3: delta 4) → mapType{CommonType, Key, Elem}.
  message(
    new Out()
      .int(-id)
      .uint(4)
      .uint(1)
      .concat(commonType('map[interface {}]interface {}', id))
      .uint(1)
      .int(tInterface)
      .uint(1)
      .int(tInterface)
      .uint(0)
      .uint(0),
  )

const gobEncoderTypeDef = (name: string, id: number): Out =>
  // wireType field GobEncoderT (index 4: delta 5): time.Time implements GobEncoder.
  message(new Out().int(-id).uint(5).uint(1).concat(commonType(name, id)).uint(0).uint(0))

export const timeBinary = (date: Date): Uint8Array => {
  const ms = BigInt(date.getTime())
  const sec = (ms >= 0n ? ms / 1000n : (ms - 999n) / 1000n) + unixToInternal
  const nsec = Number(ms - (sec - unixToInternal) * 1000n) * 1_000_000
  const buf = Buffer.alloc(15)
  buf[0] = 1
  buf.writeBigInt64BE(sec, 1)
  buf.writeInt32BE(nsec, 9)
  buf.writeInt16BE(-1, 13) // -1 marks UTC
  return buf
}

const ifaceValue = (value: GobValue, timeId: number): Out => {
  const inner = new Out().uint(0) // singleton field delta
  let name: string
  let id: number
  if (typeof value === 'string') {
    ;[name, id] = ['string', tString]
    inner.string(value)
  } else if (typeof value === 'boolean') {
    ;[name, id] = ['bool', tBool]
    inner.uint(value ? 1 : 0)
  } else if (typeof value === 'number') {
    ;[name, id] = ['int', tInt]
    inner.int(value)
  } else if (value instanceof Date) {
    ;[name, id] = ['time.Time', timeId]
    inner.raw(timeBinary(value))
  } else {
    ;[name, id] = ['[]uint8', 5]
    inner.raw(value)
  }
  return new Out().string(name).int(id).uint(inner.bytes.length).concat(inner)
}

/** gob-encode a map with string keys, as gorilla/securecookie's GobEncoder does. */
export const gobEncodeMap = (values: ReadonlyMap<string, GobValue>): Uint8Array => {
  const mapId = firstUserId
  const timeId = firstUserId + 1
  const out = mapTypeDef(mapId)
  if ([...values.values()].some((v) => v instanceof Date))
    out.concat(gobEncoderTypeDef('time.Time', timeId))
  const body = new Out().int(mapId).uint(0).uint(values.size)
  for (const [key, value] of values)
    body.concat(ifaceValue(key, timeId)).concat(ifaceValue(value, timeId))
  out.concat(message(body))
  return Uint8Array.from(out.bytes)
}

class In {
  pos = 0
  private readonly buf: Buffer
  constructor(buf: Buffer) {
    this.buf = buf
  }
  get done(): boolean {
    return this.pos >= this.buf.length
  }
  byte(): number {
    const b = this.buf[this.pos++]
    if (b === undefined) throw new Error('gob: unexpected end of data')
    return b
  }
  uint(): bigint {
    const first = this.byte()
    if (first < 128) return BigInt(first)
    let v = 0n
    for (let n = 256 - first; n > 0; n--) v = (v << 8n) | BigInt(this.byte())
    return v
  }
  int(): bigint {
    const u = this.uint()
    return u & 1n ? ~(u >> 1n) : u >> 1n
  }
  small(): number {
    return Number(this.uint())
  }
  bytes(): Buffer {
    const len = this.small()
    if (this.pos + len > this.buf.length) throw new Error('gob: length past end')
    const out = this.buf.subarray(this.pos, this.pos + len)
    this.pos += len
    return out
  }
}

type TypeDef = { kind: 'map'; key: number; elem: number } | { kind: 'gob'; name: string }

const readCommon = (r: In): { name: string; id: number } => {
  let field = -1
  let name = ''
  let id = 0
  for (let delta = r.small(); delta !== 0; delta = r.small()) {
    field += delta
    if (field === 0) name = r.bytes().toString('utf8')
    else if (field === 1) id = Number(r.int())
    else throw new Error('gob: unexpected CommonType field')
  }
  return { name, id }
}

const readWireType = (r: In): TypeDef => {
  const field = r.small() - 1
  let def: TypeDef
  if (field === 3) {
    let f = -1
    let key = 0
    let elem = 0
    for (let delta = r.small(); delta !== 0; delta = r.small()) {
      f += delta
      if (f === 0) readCommon(r)
      else if (f === 1) key = Number(r.int())
      else if (f === 2) elem = Number(r.int())
    }
    def = { kind: 'map', key, elem }
  } else if (field >= 4 && field <= 6) {
    if (r.small() !== 1) throw new Error('gob: bad encoder type')
    const { name } = readCommon(r)
    if (r.small() !== 0) throw new Error('gob: bad encoder type end')
    def = { kind: 'gob', name }
  } else throw new Error(`gob: unsupported wire type field ${field}`)
  if (r.small() !== 0) throw new Error('gob: bad wireType end')
  return def
}

export const timeFromBinary = (data: Uint8Array): Date => {
  const buf = Buffer.from(data)
  if (buf[0] !== 1 && buf[0] !== 2) throw new Error('gob: unknown time version')
  const sec = buf.readBigInt64BE(1) - unixToInternal
  const nsec = buf.readInt32BE(9)
  return new Date(Number(sec) * 1000 + Math.floor(nsec / 1_000_000))
}

const readIface = (r: In, types: ReadonlyMap<number, TypeDef>): GobValue => {
  const name = r.bytes().toString('utf8')
  const id = Number(r.int())
  const inner = new In(r.bytes())
  if (inner.small() !== 0) throw new Error('gob: bad singleton')
  if (name === 'string' && id === tString) return inner.bytes().toString('utf8')
  if (name === 'bool' && id === tBool) return inner.uint() !== 0n
  if (id === tInt) return Number(inner.int())
  if (name === '[]uint8' && id === 5) return Uint8Array.from(inner.bytes())
  const def = types.get(id)
  if (def?.kind === 'gob' && def.name === 'time.Time') return timeFromBinary(inner.bytes())
  throw new Error(`gob: unsupported interface value ${name}`)
}

/** Decode a gob stream holding one map[interface{}]interface{} (string keys) into a Map. */
export const gobDecodeMap = (data: Uint8Array): Map<string, GobValue> => {
  const stream = new In(Buffer.from(data))
  const types = new Map<number, TypeDef>()
  while (!stream.done) {
    const msg = new In(stream.bytes())
    const id = Number(msg.int())
    if (id < 0) {
      types.set(-id, readWireType(msg))
      continue
    }
    const def = types.get(id)
    if (def?.kind !== 'map' || def.key !== tInterface || def.elem !== tInterface)
      throw new Error('gob: value is not map[interface{}]interface{}')
    if (msg.small() !== 0) throw new Error('gob: bad singleton')
    const out = new Map<string, GobValue>()
    for (let n = msg.small(); n > 0; n--) {
      const key = readIface(msg, types)
      out.set(String(key), readIface(msg, types))
    }
    return out
  }
  throw new Error('gob: no value in stream')
}
