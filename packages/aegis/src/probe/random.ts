/** Random values the checks plant or submit; checks cannot import node:crypto themselves (lint). */
import { randomBytes } from 'node:crypto'

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** A well-formed session token nobody was ever issued: `ory_st_` + 32 of [a-zA-Z0-9] (FACTS §5.1). */
export const unissuedSessionToken = (): string =>
  `ory_st_${[...randomBytes(32)].map((b) => alphabet[b % 62] ?? 'a').join('')}`

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex')
