import { createHash } from 'node:crypto'
import { checkRevoke, checkSessionId, checkTouch } from './args.ts'
import type { ActivityRecord, SessionStore } from './types.ts'

/** The two calls the store needs, as `ioredis` (Redis and Cluster) spells them. */
export interface RedisScriptClient {
  evalsha(sha1: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>
  eval(script: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>
}

/** node-redis (`redis` v4 and later): keys and arguments travel in an options object. */
export interface NodeRedisScriptClient {
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
}

export interface RedisStoreOptions {
  /** Injected, never closed by the store. Set its timeouts: a hung call must reject (fail closed). */
  readonly client: RedisScriptClient | NodeRedisScriptClient
  /** Key prefix, default `kratos-aegis:guard:`. Braces are reserved for the hash tag. */
  readonly prefix?: string
}

const DEFAULT_PREFIX = 'kratos-aegis:guard:'

/*
 * One hash per session ({ last, rev }) under one TTL, changed only by scripts, so each call is one
 * atomic round trip whatever the number of instances. Lua numbers are doubles: epoch ms are exact.
 */
const GET = `return redis.call('HMGET', KEYS[1], 'last', 'rev')`

// Never backwards, skip moves below ARGV[3], never shorten the TTL (max of current and asked).
const TOUCH = `
local v = redis.call('HMGET', KEYS[1], 'last', 'rev')
local last = tonumber(v[1])
if not last and v[2] then last = 0 end
local at = tonumber(ARGV[1])
if last and (at <= last or at - last < tonumber(ARGV[3])) then return v end
redis.call('HSET', KEYS[1], 'last', ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {ARGV[1], v[2]}`

// HSETNX is the set-if-absent of a hash field: the first caller across all instances wins.
const MARK_REVOKED = `
if redis.call('HSETNX', KEYS[1], 'rev', ARGV[1]) == 0 then return 0 end
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`

const DELETE = `return redis.call('DEL', KEYS[1])`

interface Script {
  readonly source: string
  readonly sha1: string
}

function script(source: string): Script {
  // SHA-1 here is Redis' script id (EVALSHA), not a security primitive.
  return { source, sha1: createHash('sha1').update(source).digest('hex') }
}

const SCRIPTS = {
  get: script(GET),
  touch: script(TOUCH),
  markRevoked: script(MARK_REVOKED),
  delete: script(DELETE),
}

export function createRedisStore(options: RedisStoreOptions): SessionStore {
  const client = 'evalsha' in options.client ? options.client : fromNodeRedis(options.client)
  const prefix = options.prefix ?? DEFAULT_PREFIX
  if (/[{}]/.test(prefix)) {
    throw new TypeError(
      'createRedisStore: prefix must not contain { or } (reserved for the hash tag)',
    )
  }
  // The session id is the hash tag, so every key of one session maps to one Cluster slot.
  const key = (sessionId: string): string => `${prefix}{${sessionId}}`

  async function run(s: Script, sessionId: string, ...args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(s.sha1, 1, key(sessionId), ...args)
    } catch (error) {
      // After a restart, SCRIPT FLUSH or a failover the cache is empty: EVAL runs and reloads it.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
      return client.eval(s.source, 1, key(sessionId), ...args)
    }
  }

  return {
    name: 'redis',
    async get(sessionId) {
      checkSessionId(sessionId)
      return toRecord(await run(SCRIPTS.get, sessionId))
    },
    async touch(sessionId, at, ttlMs, minIntervalMs) {
      checkTouch(sessionId, at, ttlMs, minIntervalMs)
      const reply = await run(SCRIPTS.touch, sessionId, at, ttlMs, minIntervalMs)
      const record = toRecord(reply)
      if (record === null) throw new Error('redis store: touch returned no record')
      return record
    },
    async markRevoked(sessionId, at, ttlMs) {
      checkRevoke(sessionId, at, ttlMs)
      return Number(await run(SCRIPTS.markRevoked, sessionId, at, ttlMs)) === 1
    },
    async delete(sessionId) {
      checkSessionId(sessionId)
      await run(SCRIPTS.delete, sessionId)
    },
    close() {
      return Promise.resolve()
    },
  }
}

function fromNodeRedis(client: NodeRedisScriptClient): RedisScriptClient {
  const split = (numkeys: number, args: (string | number)[]) => ({
    keys: args.slice(0, numkeys).map(String),
    arguments: args.slice(numkeys).map(String),
  })
  return {
    evalsha: (sha1, numkeys, ...args) => client.evalSha(sha1, split(numkeys, args)),
    eval: (source, numkeys, ...args) => client.eval(source, split(numkeys, args)),
  }
}

function toRecord(reply: unknown): ActivityRecord | null {
  if (!Array.isArray(reply)) throw new Error('redis store: unexpected script reply')
  const [last, rev] = reply as unknown[]
  if (last == null && rev == null) return null
  const lastActivity = last == null ? 0 : Number(last)
  return rev == null ? { lastActivity } : { lastActivity, revokedAt: Number(rev) }
}
