// Two application processes sharing one Redis (issue 8, "Faults and scale"): activity on one keeps
// the session alive on the other; idleness on both ends it on both, with one admin revocation.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startKratosDouble } from '../support/kratos-double/index.ts'
import type { KratosDouble } from '../support/kratos-double/index.ts'

// Generous margins: the machine is shared, and a loaded CPU delays requests by hundreds of ms.
const IDLE_MS = 3000
const INTERVAL_MS = 200
const prefix = `kratos-aegis-guard-processes:${randomUUID()}:`
const script = fileURLToPath(new URL('./fixtures/app-process.mjs', import.meta.url))
let double: KratosDouble
const children: ChildProcess[] = []

function startApp(): Promise<string> {
  const child = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      KRATOS_URL: double.publicUrl,
      KRATOS_ADMIN_URL: double.adminUrl,
      REDIS_PREFIX: prefix,
      IDLE_MS: String(IDLE_MS),
      INTERVAL_MS: String(INTERVAL_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      reject(new Error(`app process exited with ${String(code)}`))
    })
    child.stdout.once('data', (chunk: Buffer) => {
      resolve(`http://127.0.0.1:${chunk.toString().trim()}`)
    })
  })
}

beforeAll(async () => {
  double = await startKratosDouble()
})
afterAll(async () => {
  for (const child of children) child.kill('SIGTERM')
  await double.close()
  const redis = new Redis('redis://127.0.0.1:6379')
  const keys = await redis.keys(`${prefix}*`)
  if (keys.length > 0) await redis.del(...keys)
  await redis.quit()
})

it('shares idle state between two processes and revokes once', async () => {
  const [a, b] = await Promise.all([startApp(), startApp()])
  const { id: identityId } = await double.createIdentity({
    email: 'procs@example.com',
    password: 'a long passphrase 5',
  })
  const session = await double.createSession(identityId)
  const status = async (base: string | undefined) =>
    (await fetch(`${base}/app`, { headers: { 'x-session-token': session.token } })).status
  expect([await status(a), await status(b)]).toEqual([200, 200])
  // Only A sees traffic, for longer than the idle timeout.
  const started = Date.now()
  while (Date.now() - started < IDLE_MS * 1.5) {
    await sleep(400)
    expect(await status(a), `A after ${Date.now() - started} ms`).toBe(200)
  }
  expect(await status(b)).toBe(200) // B was idle itself, but A's activity counts
  await sleep(IDLE_MS + 1000)
  expect([await status(a), await status(b)]).toEqual([401, 401])
  const revocations = double.requestLog.filter(
    (e) => e.method === 'DELETE' && e.path === `/admin/sessions/${session.id}`,
  )
  expect(revocations).toHaveLength(1)
  expect(double.sessions().find((s) => s.id === session.id)?.active).toBe(false)
  // About 9 s of deliberate waiting plus two process starts: 16 s at load 27 on 2 cores, and past
  // the default 20 s at load 37 (seen 2026-11-27), which is the machine, not the guard.
}, 60_000)
