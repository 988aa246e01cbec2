// Shared helpers for the benchmarks: the Kratos double as a child process, a login, autocannon.
// Everything listens on 127.0.0.1 and every run is bounded in time.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'

export const root = new URL('..', import.meta.url).pathname

/** Starts the double (`serve.mjs --json`) and resolves with its URLs and a stop function. */
export const startDouble = async (args = []) => {
  const child = spawn(
    process.execPath,
    [`${root}test/support/kratos-double/serve.mjs`, '--json', ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const [line] = await Promise.race([
    once(child.stdout.setEncoding('utf8'), 'data'),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('the double did not start in 60 s')), 60_000),
    ),
  ])
  const info = JSON.parse(String(line).split('\n')[0])
  return {
    ...info,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM')
      await once(child, 'close')
    },
  }
}

/** API login on the double; returns the session token. */
export const loginApi = async (publicUrl, identifier, password) => {
  const flow = await (
    await fetch(`${publicUrl}/self-service/login/api`, { headers: { accept: 'application/json' } })
  ).json()
  const res = await fetch(`${publicUrl}/self-service/login?flow=${flow.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ method: 'password', identifier, password }),
  })
  const body = await res.json()
  if (typeof body.session_token !== 'string') throw new Error(`login failed: ${res.status}`)
  return body.session_token
}

/**
 * Runs autocannon in its own process (so the load generator does not share the event loop with
 * the server under test); returns requests/s (mean) and p99 latency (ms).
 */
export const load = async (url, { headers = {}, seconds = 4, connections = 32 } = {}) => {
  const args = ['-j', '-d', String(seconds), '-c', String(connections)]
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`)
  const child = spawn(`${root}node_modules/.bin/autocannon`, [...args, url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d))
  await once(child, 'close')
  const result = JSON.parse(out)
  const bad = result.non2xx + result.errors + result.timeouts
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    bad,
    total: result.requests.total,
  }
}

/**
 * CPU time (µs, user + system) a process has used so far, from /proc (Linux); 0 elsewhere, so the
 * guard bench reports the double's share only where it can be read.
 */
export const cpuOf = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (USER_HZ, 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100
  } catch {
    return 0
  }
}

export const listen = async (server) => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${server.address().port}`
}

/** The middle value of `values`, or the mean of the two middle ones for an even count. */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export const ratio = (a, b) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`)
