/**
 * The part of Go's encoding/gob that a gorilla/sessions cookie carries: the encoder writes exactly
 * what `gob.NewEncoder(w).Encode(map[interface{}]interface{}{…})` writes for string keys and string
 * values (securecookie's GobEncoder, FACTS.md §4.1); the decoder reads any gob stream made of the
 * built-in types, maps, slices, arrays, structs, interfaces and GobEncoder values.
 *
 * Sources read (written anew here, no code copied): golang/go src/encoding/gob doc.go (grammar and
 * the worked `Point{22, 33}` example), encoder.go (`EncodeValue`, `sendActualType`, `writeMessage`),
 * encode.go (`encodeSingle`, `encodeMap`, `encodeInterface`), type.go (built-in type ids, wireType).
 *
 * Kratos puts only strings into the session cookie: `session_token`, `expires_at` as
 * `ExpiresAt.UTC().Format(time.RFC3339Nano)` and `nonce` (ory/kratos session/manager_http.go
 * `IssueCookie`). A `time.Time` inside an interface is still decoded (GobEncoder → `MarshalBinary`)
 * so cookies from other gorilla users can be inspected.
 */
import { GobError, GobReader, GobWriter } from './gob-wire.ts'

export { GobError } from './gob-wire.ts'

export type GobValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Date
  | Uint8Array
  | readonly GobValue[]
  | ReadonlyMap<GobValue, GobValue>
  | { readonly [field: string]: GobValue }

/** Built-in type ids (doc.go): fixed on every connection. */
const T = { bool: 1, int: 2, uint: 3, float: 4, bytes: 5, string: 6, complex: 7, interface: 8 }

/**
 * The id the encoder gives the map type. Go hands out ids from 65 upwards per process (doc.go's
 * example: "it has type id 65 (0 through 64 are reserved)"); the decoder only needs it to be unused
 * and at least 64 (decoder.go `recvType`), so any Kratos process' choice decodes the same.
 */
const MAP_TYPE_ID = 65

type WireType =
  | { kind: 'map'; key: number; elem: number }
  | { kind: 'slice'; elem: number }
  | { kind: 'array'; elem: number; len: number }
  | { kind: 'struct'; name: string; fields: readonly { name: string; id: number }[] }
  | { kind: 'gob-encoder'; name: string }

/**
 * The descriptor types themselves (ids 16–24) are structs both sides know a priori (type.go init
 * and the wireType declaration order: wireType 16, arrayType 17, CommonType 18, sliceType 19,
 * structType 20, fieldType 21, []fieldType 22, mapType 23, gobEncoderType 24).
 */
const struct = (name: string, ...fields: [string, number][]): WireType => ({
  kind: 'struct',
  name,
  fields: fields.map(([n, id]) => ({ name: n, id })),
})
const builtinTypes: ReadonlyMap<number, WireType> = new Map<number, WireType>([
  [
    16,
    struct(
      'wireType',
      ['ArrayT', 17],
      ['SliceT', 19],
      ['StructT', 20],
      ['MapT', 23],
      ['GobEncoderT', 24],
      ['BinaryMarshalerT', 24],
      ['TextMarshalerT', 24],
    ),
  ],
  [17, struct('arrayType', ['CommonType', 18], ['Elem', 2], ['Len', 2])],
  [18, struct('CommonType', ['Name', 6], ['Id', 2])],
  [19, struct('sliceType', ['CommonType', 18], ['Elem', 2])],
  [20, struct('structType', ['CommonType', 18], ['Field', 22])],
  [21, struct('fieldType', ['Name', 6], ['Id', 2])],
  [22, { kind: 'slice', elem: 21 }],
  [23, struct('mapType', ['CommonType', 18], ['Key', 2], ['Elem', 2])],
  [24, struct('gobEncoderType', ['CommonType', 18])],
])

// ---------------------------------------------------------------------------------------------
// Encoding

/** One interface value holding a string: name, type id, then the value as a delimited singleton. */
const writeInterfaceString = (w: GobWriter, text: string): void => {
  w.string('string').int(T.string)
  w.message(new GobWriter().uint(0).string(text).toBytes())
}

/**
 * `gob.NewEncoder(buf).Encode(values)` for a `map[interface{}]interface{}` of strings: one message
 * defining the map type (the type has no name, so CommonType carries only its id), then one message
 * with the value. Keys come out in insertion order; Go's map order is random, and decoders accept any.
 */
export const encodeStringMap = (entries: Readonly<Record<string, string>>): Uint8Array => {
  const typeDef = new GobWriter()
    .int(-MAP_TYPE_ID)
    .uint(4) // wireType field 3 (MapT): delta from -1
    .uint(1) // mapType field 0: embedded CommonType
    .uint(2) // CommonType field 1 (Id); Name is empty and, being a zero value, is not sent
    .int(MAP_TYPE_ID)
    .uint(0) // end of CommonType
    .uint(1)
    .int(T.interface) // Key
    .uint(1)
    .int(T.interface) // Elem
    .uint(0) // end of mapType
    .uint(0) // end of wireType
  const keys = Object.keys(entries)
  const value = new GobWriter().int(MAP_TYPE_ID).uint(0).uint(keys.length)
  for (const key of keys) {
    writeInterfaceString(value, key)
    writeInterfaceString(value, entries[key] ?? '')
  }
  return new GobWriter().message(typeDef.toBytes()).message(value.toBytes()).toBytes()
}

// ---------------------------------------------------------------------------------------------
// Decoding

const floatFromGob = (bits: bigint): number => {
  // Floats travel byte-reversed so small integers are short (encode.go `floatBits`).
  const view = new DataView(new ArrayBuffer(8))
  view.setBigUint64(0, bits, true)
  return view.getFloat64(0, false)
}

const safeNumber = (x: bigint): number | bigint =>
  x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x

/** Go `time.Time.MarshalBinary` (versions 1 and 2): seconds since year 1, nanoseconds, zone. */
const timeFromBinary = (data: Uint8Array): Date | Uint8Array => {
  if (data.length < 15 || (data[0] !== 1 && data[0] !== 2)) return data
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const secondsSinceYear1 = view.getBigInt64(1, false)
  const nanos = view.getInt32(9, false)
  const unixSeconds = secondsSinceYear1 - 62_135_596_800n
  return new Date(Number(unixSeconds) * 1000 + Math.floor(nanos / 1e6))
}

class StreamDecoder {
  private readonly types = new Map<number, WireType>(builtinTypes)

  decodeStream(data: Uint8Array): GobValue {
    const stream = new GobReader(data)
    while (!stream.done) {
      const body = new GobReader(stream.bytes(stream.uint()))
      const id = body.int()
      if (id < 0) {
        this.define(-id, body)
        continue
      }
      return this.topLevel(id, body)
    }
    throw new GobError('gob stream holds no value')
  }

  private define(id: number, r: GobReader): void {
    if (id < 64 || this.types.has(id)) throw new GobError('gob: duplicate type received')
    this.types.set(id, this.wireType(this.value(16, r)))
  }

  private wireType(v: GobValue): WireType {
    const w = v as Record<string, Record<string, GobValue> | undefined>
    const common = (t: Record<string, GobValue>): string =>
      gobText((t['CommonType'] as Record<string, GobValue> | undefined)?.['Name'] ?? '')
    const n = (x: GobValue | undefined): number => Number(x ?? 0)
    if (w['MapT']) return { kind: 'map', key: n(w['MapT']['Key']), elem: n(w['MapT']['Elem']) }
    if (w['SliceT']) return { kind: 'slice', elem: n(w['SliceT']['Elem']) }
    if (w['ArrayT'])
      return { kind: 'array', elem: n(w['ArrayT']['Elem']), len: n(w['ArrayT']['Len']) }
    if (w['StructT']) {
      const fields = (w['StructT']['Field'] ?? []) as readonly Record<string, GobValue>[]
      const list = fields.map((f) => ({ name: gobText(f['Name'] ?? ''), id: n(f['Id']) }))
      return { kind: 'struct', name: common(w['StructT']), fields: list }
    }
    const enc = w['GobEncoderT'] ?? w['BinaryMarshalerT'] ?? w['TextMarshalerT']
    if (enc) return { kind: 'gob-encoder', name: common(enc) }
    throw new GobError('unknown gob wire type')
  }

  private topLevel(id: number, r: GobReader): GobValue {
    const type = this.types.get(id)
    if (type?.kind === 'struct') return this.value(id, r)
    if (r.uint() !== 0) throw new GobError('gob singleton without zero field delta')
    return this.value(id, r)
  }

  private value(id: number, r: GobReader, interfaceName?: string): GobValue {
    switch (id) {
      case T.bool:
        return r.bigUint() !== 0n
      case T.int:
        return safeNumber(r.bigInt())
      case T.uint:
        return safeNumber(r.bigUint())
      case T.float:
        return floatFromGob(r.bigUint())
      case T.bytes:
        return Uint8Array.from(r.bytes(r.uint()))
      case T.string:
        return r.string()
      case T.complex:
        return [floatFromGob(r.bigUint()), floatFromGob(r.bigUint())]
      case T.interface:
        return this.interfaceValue(r)
    }
    const type = this.types.get(id)
    if (type === undefined) throw new GobError(`gob type ${id} not defined`)
    return this.composite(type, r, interfaceName)
  }

  private composite(type: WireType, r: GobReader, interfaceName?: string): GobValue {
    switch (type.kind) {
      case 'map': {
        const out = new Map<GobValue, GobValue>()
        for (let i = r.uint(); i > 0; i--)
          out.set(this.value(type.key, r), this.value(type.elem, r))
        return out
      }
      case 'slice':
        return Array.from({ length: r.uint() }, () => this.value(type.elem, r))
      case 'array':
        if (r.uint() !== type.len) throw new GobError('gob array length mismatch')
        return Array.from({ length: type.len }, () => this.value(type.elem, r))
      case 'struct':
        return this.structValue(type.fields, r)
      case 'gob-encoder': {
        const data = Uint8Array.from(r.bytes(r.uint()))
        return (interfaceName ?? type.name) === 'time.Time' || type.name === 'Time'
          ? timeFromBinary(data)
          : data
      }
    }
  }

  private structValue(fields: readonly { name: string; id: number }[], r: GobReader): GobValue {
    const out: Record<string, GobValue> = {}
    for (let field = -1; ;) {
      const delta = r.uint()
      if (delta === 0) return out
      field += delta
      const spec = fields[field]
      if (spec === undefined) throw new GobError('gob struct field out of range')
      out[spec.name] = this.value(spec.id, r)
    }
  }

  /** NonNilInterfaceValue: name, optional inline type definitions, type id, delimited value. */
  private interfaceValue(r: GobReader): GobValue {
    const name = r.string()
    if (name === '') return null
    let id = r.int()
    while (id < 0) {
      this.define(-id, r)
      if (!r.done) r.uint() // the byte count of the next definition or of the value (decoder.go)
      id = r.int()
    }
    const inner = new GobReader(r.bytes(r.uint()))
    const type = this.types.get(id)
    if (type?.kind === 'struct') return this.value(id, inner, name)
    if (inner.uint() !== 0) throw new GobError('gob interface value without zero field delta')
    return this.value(id, inner, name)
  }
}

/** Decodes the first value of a gob stream (the stream securecookie's GobEncoder writes). */
export const decodeGob = (data: Uint8Array): GobValue => new StreamDecoder().decodeStream(data)

/** The text form of a scalar; composite values become JSON-like text. */
export const gobText = (v: GobValue): string => {
  if (typeof v === 'string') return v
  if (v instanceof Date) return v.toISOString()
  if (v === null) return ''
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v.toString()
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64')
  return JSON.stringify(v instanceof Map ? Object.fromEntries(v) : v, (_k, x: unknown) =>
    typeof x === 'bigint' ? x.toString() : x,
  )
}

/** A gob map with string-like keys as a plain record; other values become their string form. */
export const gobMapToRecord = (value: GobValue): Record<string, string> => {
  if (!(value instanceof Map)) throw new GobError('gob value is not a map')
  // fromEntries defines own properties, so a key such as `__proto__` stays data.
  const entries = [...(value as ReadonlyMap<GobValue, GobValue>)]
  return Object.fromEntries(entries.map(([k, v]) => [gobText(k), gobText(v)]))
}
