/**
 * A coarse user-agent family (browser and OS). Versions change with every update, so binding on
 * them would log people out; a different family on the same session is the hijack signal (OWASP
 * Session Management Cheat Sheet, "binding the session ID to other user properties").
 */
export function userAgentFamily(userAgent: string | null | undefined): string {
  if (userAgent === null || userAgent === undefined || userAgent === '') return 'none'
  return `${browserOf(userAgent)}/${osOf(userAgent)}`
}

function browserOf(ua: string): string {
  if (ua.includes('Edg/')) return 'edge'
  if (ua.includes('OPR/')) return 'opera'
  if (ua.includes('Firefox/')) return 'firefox'
  if (ua.includes('Chrome/') || ua.includes('Chromium/')) return 'chrome'
  if (ua.includes('Safari/')) return 'safari'
  const slash = ua.indexOf('/')
  return (slash > 0 ? ua.slice(0, slash) : ua).toLowerCase().slice(0, 32)
}

function osOf(ua: string): string {
  if (ua.includes('Android')) return 'android'
  if (ua.includes('iPhone') || ua.includes('iPad')) return 'ios'
  if (ua.includes('Windows')) return 'windows'
  if (ua.includes('Mac OS X') || ua.includes('Macintosh')) return 'macos'
  if (ua.includes('Linux')) return 'linux'
  return 'other'
}

/** Whether two addresses share their first v4Bits (IPv4) or v6Bits (IPv6) bits. */
export function sameIpPrefix(a: string, b: string, v4Bits: number, v6Bits: number): boolean {
  const x = ipBytes(a)
  const y = ipBytes(b)
  if (x === undefined || y === undefined || x.length !== y.length) return false
  const bits = x.length === 4 ? v4Bits : v6Bits
  for (let i = 0; i < bits; i++) {
    const mask = 0x80 >> (i % 8)
    if (((x[i >> 3] ?? 0) & mask) !== ((y[i >> 3] ?? 0) & mask)) return false
  }
  return true
}

/** Bytes of an IPv4 or IPv6 address; an IPv4-mapped IPv6 address counts as IPv4. */
export function ipBytes(text: string): number[] | undefined {
  const address = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped?.[1] !== undefined) return ipv4Bytes(mapped[1])
  return address.includes(':') ? ipv6Bytes(address) : ipv4Bytes(address)
}

function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : 256))
  return bytes.every((byte) => byte <= 255) ? bytes : undefined
}

function ipv6Bytes(text: string): number[] | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const head = groups(halves[0] ?? '')
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : []
  if (head === undefined || tail === undefined) return undefined
  const missing = 8 - head.length - tail.length
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail]
  return words.flatMap((word) => [word >> 8, word & 0xff])
}

function groups(text: string): number[] | undefined {
  if (text === '') return []
  const words = text
    .split(':')
    .map((group) => (/^[0-9a-f]{1,4}$/i.test(group) ? parseInt(group, 16) : -1))
  return words.includes(-1) ? undefined : words
}
