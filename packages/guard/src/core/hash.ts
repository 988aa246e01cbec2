import type * as NodeCryptoModule from 'node:crypto'

type NodeCrypto = typeof NodeCryptoModule

// Loaded without a static import so the core still runs where `node:crypto` does not exist (the
// Next.js Edge runtime); there the Web Crypto digest (asynchronous) is the fallback. Next's own Edge
// sandbox (`next start`, `next dev`) gives `process` every Node method as a stub that throws.
function loadNodeCrypto(): NodeCrypto | undefined {
  try {
    return (
      globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
    ).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
  } catch {
    return undefined
  }
}
const nodeCrypto = loadNodeCrypto()

/**
 * SHA-256 hex of a credential: the only form in which a token or cookie is kept, as a cache key
 * (CWE-312; Kratos itself stores tokens in plaintext, FACTS.md §5.2). One-shot `crypto.hash` costs
 * about 1 µs per cookie (GUARD-ANCHORS §5.2), so it stays on the hot path.
 */
export function sha256Hex(value: string): string | Promise<string> {
  if (nodeCrypto !== undefined) return nodeCrypto.hash('sha256', value, 'hex')
  return webDigest(value)
}

async function webDigest(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0')
  return hex
}
