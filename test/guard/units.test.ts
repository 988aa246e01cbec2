// Pure parts of the guard core: option validation, credential extraction, durations, traits, LRU.
import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { createGuard } from '../../packages/guard/src/index.ts'
import {
  extractCredential,
  findCookie,
  isWellFormed,
} from '../../packages/guard/src/core/credential.ts'
import { toMilliseconds } from '../../packages/guard/src/core/duration.ts'
import { createLru } from '../../packages/guard/src/core/lru.ts'
import { ipBytes, sameIpPrefix, userAgentFamily } from '../../packages/guard/src/core/traits.ts'
import type { GuardOptions } from '../../packages/guard/src/index.ts'

const TOKEN = 'ory_st_abcdefghijklmnopqrstuvwxyz012345'
// Another token of Kratos' shape: `ory_st_` and 32 letters or digits.
const OTHER = 'ory_st_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'
const COOKIE = 'MTcwMDAwMDAwMHxHd3dBR0RFeU16UTFOamM0T1RBeE1qTTBOVFkzT0Rrd3xhYmNk'
const request = (headers: Record<string, string>) => new Request('http://127.0.0.1/x', { headers })

describe('createGuard options', () => {
  const base = { kratosUrl: 'http://127.0.0.1:4433' }
  it.each<[string, Partial<GuardOptions>, RegExp]>([
    [
      'a missing kratosUrl',
      { kratosUrl: undefined as unknown as string },
      /kratosUrl must be an absolute/,
    ],
    ['a non-http kratosUrl', { kratosUrl: 'ftp://x' }, /kratosUrl must be an absolute http/],
    ['a bad cookie name', { cookie: { name: 'a b' } }, /cookie.name/],
    [
      'a bad duration',
      { idleTimeout: '15 minutes' },
      /idleTimeout must be milliseconds or a duration/,
    ],
    ['a negative duration', { cacheTtl: -1 }, /cacheTtl must be a non-negative/],
    ['a zero timeout', { timeout: 0 }, /timeout must be greater than zero/],
    [
      'an interval not below idle',
      { idleTimeout: '1m', activityCheckInterval: '1m' },
      /shorter than idleTimeout/,
    ],
    ['an unknown AAL', { requiredAal: 'aal9' as 'aal2' }, /requiredAal must be/],
    ['a bad binding action', { binding: { action: 'kill' as 'log' } }, /binding.action/],
    ['a bad IPv4 prefix', { binding: { action: 'log', ipPrefix: { v4: 33 } } }, /ipPrefix.v4/],
    ['a zero cache size', { cacheMaxEntries: 0 }, /cacheMaxEntries must be a positive integer/],
  ])('rejects %s once, at creation', (_name, bad, message) => {
    expect(() => createGuard({ ...base, ...bad })).toThrow(message)
  })

  it('returns a named guard function with logout helpers', () => {
    const guard = createGuard({ ...base, idleTimeout: '30m', cookie: { name: 'ory_session_acme' } })
    expect(guard.name).toBe('kratosGuard')
    expect(typeof guard.logoutBrowser).toBe('function')
    expect(typeof guard.logoutEverywhere).toBe('function')
  })
})

describe('credential extraction (FACTS.md §6.2 order)', () => {
  const name = 'ory_kratos_session'
  it('prefers X-Session-Token, then the cookie, then Bearer', () => {
    const all = {
      'x-session-token': TOKEN,
      cookie: `${name}=${COOKIE}`,
      authorization: `Bearer ${OTHER}`,
    }
    expect(extractCredential(request(all), name)).toEqual({ kind: 'token', value: TOKEN })
    const rest = { cookie: all.cookie, authorization: all.authorization }
    // The Bearer token travels with the cookie: Kratos falls back to it if the cookie won't decode.
    expect(extractCredential(request(rest), name)).toEqual({
      kind: 'cookie',
      value: COOKIE,
      bearer: OTHER,
    })
    // Only a token shaped like Kratos' goes along: an application's own bearer token (a JWT, an
    // opaque OAuth token) never reaches Kratos and does not split the cache.
    for (const foreign of ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', `${TOKEN}x`, 'gho_short'])
      expect(
        extractCredential(
          request({ cookie: all.cookie, authorization: `Bearer ${foreign}` }),
          name,
        ),
      ).toEqual({ kind: 'cookie', value: COOKIE })
    expect(extractCredential(request({ cookie: all.cookie }), name)).toEqual({
      kind: 'cookie',
      value: COOKIE,
    })
    // An empty X-Session-Token is no credential (Kratos checks its length); one never shaped like a
    // Kratos cookie cannot decode, so the Bearer token is the credential.
    expect(extractCredential(request({ ...rest, 'x-session-token': '' }), name)).toMatchObject({
      kind: 'cookie',
    })
    expect(extractCredential(request({ ...rest, cookie: `${name}=<bad>` }), name)).toEqual({
      kind: 'token',
      value: OTHER,
    })
    expect(extractCredential(request({ authorization: `bEaReR ${TOKEN}` }), name)).toEqual({
      kind: 'token',
      value: TOKEN,
    })
  })

  it('reports missing and malformed credentials', () => {
    expect(extractCredential(request({}), name)).toBe('missing')
    expect(extractCredential(request({ authorization: 'Basic dXNlcjpwYXNz' }), name)).toBe(
      'missing',
    )
    const shape = (headers: Record<string, string>) => {
      const credential = extractCredential(request(headers), name)
      return credential !== 'missing' && isWellFormed(credential)
    }
    expect(shape({ cookie: `${name}=${COOKIE}` })).toBe(true)
    expect(shape({ 'x-session-token': TOKEN })).toBe(true)
    expect(shape({ cookie: `${name}=a b c` })).toBe(false)
    expect(shape({ cookie: `${name}=${'A'.repeat(5000)}` })).toBe(false)
    expect(shape({ 'x-session-token': 'x'.repeat(600) })).toBe(false)
    expect(shape({ authorization: 'Bearer short' })).toBe(false)
  })

  it('finds the cookie by exact name only', () => {
    expect(findCookie(`x${name}=1; ${name}=2`, name)).toBe('2')
    expect(findCookie(`a=${name}=3; ${name}=4`, name)).toBe('4')
    expect(findCookie(`${name}_other=5`, name)).toBeUndefined()
    expect(findCookie(`a=1;\t${name}=6 ;b=2`, name)).toBe('6')
  })
})

describe('durations', () => {
  it('reads milliseconds and Go-style strings', () => {
    expect(toMilliseconds('x', 1500)).toBe(1500)
    expect(toMilliseconds('x', '1h30m')).toBe(5_400_000)
    expect(toMilliseconds('x', '500ms')).toBe(500)
    expect(toMilliseconds('x', '1.5s')).toBe(1500)
    expect(() => toMilliseconds('x', '5d')).toThrow(/x must be/)
    expect(() => toMilliseconds('x', '')).toThrow(/x must be/)
  })
})

describe('client traits', () => {
  it('groups user agents by browser and OS, not version', () => {
    const chrome = (v: number) =>
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0 Safari/537.36`
    expect(userAgentFamily(chrome(120))).toBe(userAgentFamily(chrome(131)))
    expect(userAgentFamily(chrome(120))).toBe('chrome/windows')
    expect(
      userAgentFamily('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1'),
    ).toBe('safari/ios')
    expect(userAgentFamily('curl/8.5.0')).toBe('curl/other')
    expect(userAgentFamily(null)).toBe('none')
  })

  it('compares IPv4, IPv6 and IPv4-mapped addresses on a prefix', () => {
    expect(sameIpPrefix('203.0.113.7', '203.0.113.200', 24, 64)).toBe(true)
    expect(sameIpPrefix('203.0.113.7', '203.0.114.7', 24, 64)).toBe(false)
    expect(sameIpPrefix('::ffff:203.0.113.7', '203.0.113.9', 24, 64)).toBe(true)
    expect(sameIpPrefix('2001:db8:1:2::1', '2001:db8:1:2:ffff::9', 24, 64)).toBe(true)
    expect(sameIpPrefix('2001:db8:1:2::1', '2001:db8:1:3::1', 24, 64)).toBe(false)
    expect(sameIpPrefix('203.0.113.7', '2001:db8::1', 24, 64)).toBe(false)
    expect(ipBytes('1.2.3.256')).toBeUndefined()
    expect(ipBytes('1::2::3')).toBeUndefined()
    expect(ipBytes('[::1]')).toEqual([...Array<number>(15).fill(0), 1])
  })
})

describe('LRU', () => {
  it('stays bounded and keeps what was used recently', () => {
    const lru = createLru<number>(4)
    for (let i = 0; i < 100; i++) lru.set(`k${i}`, i)
    expect(lru.size).toBeLessThanOrEqual(4)
    expect(lru.get('k99')).toBe(99)
    expect(lru.get('k0')).toBeUndefined()
    lru.set('hot', -1)
    for (let i = 0; i < 50; i++) {
      lru.set(`n${i}`, i)
      expect(lru.get('hot')).toBe(-1) // read between inserts: never the eldest
    }
    expect(lru.get('k98')).toBeUndefined()
    expect(lru.size).toBeLessThanOrEqual(4)
    lru.set('k98', 98)
    lru.deleteWhere((v) => v === 98)
    expect(lru.get('k98')).toBeUndefined()
    lru.delete('c')
    expect(lru.get('c')).toBeUndefined()
  })

  it('answers a hit without rewriting the map (cost does not grow with size)', () => {
    // Re-inserting one key per hit (delete + set) measured 10–130 µs per hit here, growing with
    // the map's size (1k–100k entries); a hit must cost the same at any size.
    const timeHits = (entries: number): number => {
      const lru = createLru<number>(entries * 2)
      for (let i = 0; i < entries; i++) lru.set(`k${i}`, i)
      const key = `k${entries >> 1}`
      for (let i = 0; i < 10_000; i++) lru.get(key)
      const started = performance.now()
      for (let i = 0; i < 100_000; i++) lru.get(key)
      return performance.now() - started
    }
    const small = timeHits(10)
    const large = timeHits(100_000)
    expect(large).toBeLessThan(Math.max(small, 1) * 20)
  })
})

/** Loads hash.ts afresh under `fakeProcess`: it must fall back to Web Crypto (a promise). */
async function expectWebCryptoUnder(fakeProcess: object, expected: string): Promise<void> {
  vi.stubGlobal('process', fakeProcess)
  vi.resetModules()
  try {
    const edge = await import('../../packages/guard/src/core/hash.ts')
    const hashed = edge.sha256Hex(COOKIE)
    expect(hashed).toBeInstanceOf(Promise)
    expect(await hashed).toBe(expected)
  } finally {
    vi.unstubAllGlobals()
    vi.resetModules()
  }
}

describe('credential hash', () => {
  it('is SHA-256 hex, synchronous on Node and through Web Crypto where node:crypto is missing', async () => {
    const expected = createHash('sha256').update(COOKIE).digest('hex')
    const { sha256Hex } = await import('../../packages/guard/src/core/hash.ts')
    expect(sha256Hex(COOKIE)).toBe(expected)
    // The Next.js Edge runtime has no node:crypto: the module falls back at load time.
    await expectWebCryptoUnder({ ...process, getBuiltinModule: undefined }, expected)
  })

  it("falls back too under Next's Edge sandbox, whose process methods all throw", async () => {
    const expected = createHash('sha256').update(COOKIE).digest('hex')
    // next/dist/server/web/sandbox/context.js (createProcessPolyfill), as `next start` runs it.
    const getBuiltinModule = (): never => {
      throw new Error('A Node.js API is used (process.getBuiltinModule) which is not supported')
    }
    await expectWebCryptoUnder({ env: {}, getBuiltinModule }, expected)
  })
})
