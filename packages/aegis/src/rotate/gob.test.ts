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
