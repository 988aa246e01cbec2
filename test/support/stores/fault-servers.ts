/**
 * Test-only: outages that leave the shared Redis and PostgreSQL alone. A TCP proxy cuts or stalls
 * the network in front of any server; throwaway redis-server and PostgreSQL clusters on their own
 * loopback ports can be really stopped and started again.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const HOST = '127.0.0.1'

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve()
    }),
  )
  return port
}

export interface TcpProxy {
  readonly port: number
  /** Refuses new connections and resets open ones: the server looks down. */
  cut(): Promise<void>
  /** Accepts and holds connections but forwards nothing: the server looks hung. */
  stall(): Promise<void>
  /** Forwards again on the same port. */
  restore(): Promise<void>
  close(): Promise<void>
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  const pairs = new Set<[Socket, Socket]>()
  let mode: 'pass' | 'stall' = 'pass'
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server: Server = createServer((client) => {
    track(client)
    if (mode === 'stall') return
    const upstream = connect(targetPort, HOST)
    track(upstream)
    client.pipe(upstream).pipe(client)
    const pair: [Socket, Socket] = [client, upstream]
    pairs.add(pair)
    upstream.on('close', () => client.destroy())
    client.on('close', () => {
      upstream.destroy()
      pairs.delete(pair)
    })
  })
  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, HOST, () => {
        server.off('error', reject)
        resolve()
      })
    })
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy()
      if (!server.listening) resolve()
      else
        server.close(() => {
          resolve()
        })
    })
  await listen(0)
  const { port } = server.address() as AddressInfo
  return {
    port,
    cut: stop,
    stall() {
      // Open connections stay up but nothing crosses them any more, as with a hung server.
      mode = 'stall'
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream)
        upstream.unpipe(client)
        client.pause()
        upstream.pause()
      }
      return Promise.resolve()
    },
    async restore() {
      await stop()
      mode = 'pass'
      await listen(port)
    },
    close: stop,
  }
}

async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await sleep(50)
  }
  throw new Error(`timed out waiting for ${what}`)
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => {
      resolve(false)
    })
  })
}

export interface ThrowawayServer {
  readonly port: number
  /** Stops the server process (data kept only where the server persists it). */
  stop(): Promise<void>
  start(): Promise<void>
  /** Stops it and removes everything it wrote. */
  destroy(): Promise<void>
}

/** A redis-server without persistence: a restart empties it, script cache included. */
export async function startThrowawayRedis(extraArgs: string[] = []): Promise<ThrowawayServer> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no']
  const server: ThrowawayServer = {
    port,
    async start() {
      child = spawn('redis-server', [...args, ...extraArgs, '--daemonize', 'no'], {
        stdio: 'ignore',
      })
      await waitFor(() => canConnect(port), `redis-server on ${port}`, 10_000)
    },
    async stop() {
      const running = child
      child = undefined
      if (running === undefined || running.exitCode !== null || running.signalCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
    },
    destroy: () => server.stop(),
  }
  await server.start()
  return server
}

export interface ThrowawayCluster {
  readonly ports: readonly number[]
  destroy(): Promise<void>
}

/** Three masters, no replicas: enough to spread sessions over slots on different nodes. */
export async function startThrowawayRedisCluster(): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kratos-aegis-redis-cluster-'))
  const nodes = await Promise.all(
    [0, 1, 2].map((i) =>
      startThrowawayRedis([
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${i}.conf`),
      ]),
    ),
  )
  const ports = nodes.map((node) => node.port)
  const destroy = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.destroy()))
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const addresses = ports.map((port) => `${HOST}:${port}`)
    execFileSync('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-yes'], {
      stdio: 'ignore',
    })
    for (const port of ports) {
      await waitFor(
        () => Promise.resolve(clusterInfo(port).includes('cluster_state:ok')),
        `cluster state on ${port}`,
        15_000,
      )
    }
  } catch (error) {
    await destroy()
    throw error
  }
  return { ports, destroy }
}

function clusterInfo(port: number): string {
  return execFileSync('redis-cli', ['-h', HOST, '-p', String(port), 'cluster', 'info'], {
    encoding: 'utf8',
  })
}

/**
 * A PostgreSQL cluster in a temporary directory owned by `postgres` (initdb refuses root), trust
 * authentication on loopback only. `stop` is a fast shutdown that keeps the data on disk.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayServer> {
  const bin = postgresBinDir()
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'kratos-aegis-pg-'))
  const data = join(dir, 'data')
  const asPostgres = (command: string, args: string[]): void => {
    const argv =
      process.getuid?.() === 0 ? ['-u', 'postgres', '--', join(bin, command), ...args] : []
    if (argv.length > 0) execFileSync('runuser', argv, { stdio: 'ignore' })
    else execFileSync(join(bin, command), args, { stdio: 'ignore' })
  }
  if (process.getuid?.() === 0) chownSync(dir, ...postgresIds())
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=${HOST} -c fsync=off`
  const server: ThrowawayServer = {
    port,
    async start() {
      asPostgres('pg_ctl', [
        '-D',
        data,
        '-o',
        options,
        '-w',
        '-t',
        '30',
        '-l',
        join(dir, 'log'),
        'start',
      ])
      await waitFor(() => canConnect(port), `postgres on ${port}`, 10_000)
    },
    stop() {
      asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      return Promise.resolve()
    },
    async destroy() {
      await server.stop().catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
  await server.start()
  return server
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a))
  if (versions[0] === undefined) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql')
  return join(root, versions[0], 'bin')
}

function postgresIds(): [number, number] {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
  return [uid, gid]
}
