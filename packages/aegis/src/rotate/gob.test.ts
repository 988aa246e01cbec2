import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeGob, encodeStringMap, gobMapToRecord } from './gob.ts'
import { GobReader, GobWriter } from './gob-wire.ts'

const hex = (text: string): Uint8Array =>
  Uint8Array.from(
    text
      .trim()
      .split(/\s+/)
      .map((h) => parseInt(h, 16)),
  )
const toHex = (data: Uint8Array): string =>
  Array.from(data, (b) => b.toString(16).padStart(2, '0')).join(' ')

describe('gob wire integers (encoding/gob doc.go)', () => {
  it('writes the documented unsigned and signed forms', () => {
    expect(toHex(new GobWriter().uint(7).toBytes())).toBe('07')
    expect(toHex(new GobWriter().uint(256).toBytes())).toBe('fe 01 00')
    expect(toHex(new GobWriter().int(-65).toBytes())).toBe('ff 81')
    expect(toHex(new GobWriter().int(65).toBytes())).toBe('ff 82')
    expect(toHex(new GobWriter().int(3).toBytes())).toBe('06')
  })

  it('reads back every 64-bit integer it writes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => {
        expect(new GobReader(new GobWriter().int(n).toBytes()).bigInt()).toBe(n)
      }),
    )
  })
})

describe('decodeGob on the vectors in encoding/gob doc.go', () => {
  it('decodes the worked example Point{22, 33}', () => {
    const stream = hex(`1f ff 81 03 01 01 05 50 6f 69 6e 74 01 ff 82 00
      01 02 01 01 58 01 04 00 01 01 59 01 04 00 00 00
      07 ff 82 01 2c 01 42 00`)
    expect(decodeGob(stream)).toEqual({ X: 22, Y: 33 })
  })

  it('decodes the top-level singleton int 3', () => {
    expect(decodeGob(hex('03 04 00 06'))).toBe(3)
  })
})

describe('encodeStringMap', () => {
  it('writes the map type definition then the value, as gob.Encoder does', () => {
    // Derived by hand from doc.go's grammar: type 65 = wireType{MapT: {CommonType{Id: 65},
    // Key: interface(8), Elem: interface(8)}}, then (65, singleton map{"a": "b"}) whose key and
    // value are interface values named "string" with type id 6 and a delimited singleton.
    const expected = `0e ff 81 04 01 02 ff 82 00 01 10 01 10 00 00
      1c ff 82 00 01 06 73 74 72 69 6e 67 0c 03 00 01 61 06 73 74 72 69 6e 67 0c 03 00 01 62`
    expect(toHex(encodeStringMap({ a: 'b' }))).toBe(toHex(hex(expected)))
  })

  it('round-trips any string map, including empty and long values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string({ maxLength: 300 })), (map) => {
        const back = gobMapToRecord(decodeGob(encodeStringMap(map)))
        expect(back).toEqual({ ...map })
      }),
    )
  })

  it('rejects a stream without a value', () => {
    const onlyType = encodeStringMap({}).subarray(0, 15)
    expect(() => decodeGob(onlyType)).toThrow(/no value/)
  })
})

describe('decodeGob on values other gorilla users store', () => {
  it('decodes a time.Time inside an interface (GobEncoder → MarshalBinary, version 1)', () => {
    // 2026-01-02T03:04:05.5Z as time.MarshalBinary: version 1, seconds since year 1 (int64),
    // nanoseconds (int32), zone offset in minutes (int16; -1 = UTC).
    const bin = new DataView(new ArrayBuffer(15))
    bin.setUint8(0, 1)
    bin.setBigInt64(1, BigInt(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000) + 62_135_596_800n, false)
    bin.setInt32(9, 500_000_000, false)
    bin.setInt16(13, -1, false)
    const mapDef = new GobWriter().int(-65).uint(4).uint(1).uint(2).int(65).uint(0)
    mapDef.uint(1).int(6).uint(1).int(8).uint(0).uint(0) // map[string]interface{}
    const timeDef = new GobWriter().int(-66).uint(5).uint(1).uint(1).string('Time').uint(1).int(66)
    timeDef.uint(0).uint(0).uint(0) // wireType{GobEncoderT: {CommonType{"Time", 66}}}
    const inner = new GobWriter().uint(0).uint(15).raw(new Uint8Array(bin.buffer)).toBytes()
    const value = new GobWriter().int(65).uint(0).uint(1).string('expires_at')
    value.string('time.Time').int(66).message(inner)
    const stream = new GobWriter()
      .message(mapDef.toBytes())
      .message(timeDef.toBytes())
      .message(value.toBytes())
      .toBytes()
    expect(gobMapToRecord(decodeGob(stream))).toEqual({ expires_at: '2026-01-02T03:04:05.500Z' })
  })
})
