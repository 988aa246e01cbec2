// Real Next.js apps behind the built guard: for Next 15 (`middleware.js`, default Edge runtime) and
// Next 16 (`proxy.js`, Node.js runtime), an app router app is written to a temp dir, built with
// `next build`, served with `next start`, and asked over HTTP, with the Kratos double as Kratos.
// This covers what the behaviour suite's in-process NextRequest calls cannot: Next's own bundling
// of the guard (Edge on 15), the request headers reaching a route handler, and response headers
// (Location, Set-Cookie) reaching the client. Nothing is downloaded: Next and its SWC binaries come
// from the repo's node_modules, and the guard from packages/guard/dist (run `tsc -b` first).
import { spawn, execFileSync } from 'node:child_process'
import { once } from 'node:events'
import type { ChildProcess } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, parse, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKratosDouble } from '../support/kratos-double/index.ts'
import type { KratosDouble } from '../support/kratos-double/index.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const modules = join(root, 'node_modules')
const HTML = { accept: 'text/html,application/xhtml+xml' }
const BUILD_MS = 300_000
const START_MS = 60_000

interface Version {
  readonly name: string
  /** The installed package: `next-15` is the npm alias of next@15. */
  readonly pkg: string
  readonly file: 'middleware.js' | 'proxy.js'
  readonly exportName: 'middleware' | 'proxy'
  readonly runtime: 'edge' | 'nodejs'
}

const VERSIONS: readonly Version[] = [
  {
    name: 'Next 15',
    pkg: 'next-15',
    file: 'middleware.js',
    exportName: 'middleware',
    runtime: 'edge',
  },
  // What the adapter's doc comment tells Next 15 users to set (for the synchronous hash).
  {
    name: 'Next 15',
    pkg: 'next-15',
    file: 'middleware.js',
    exportName: 'middleware',
    runtime: 'nodejs',
  },
  { name: 'Next 16', pkg: 'next', file: 'proxy.js', exportName: 'proxy', runtime: 'nodejs' },
]

/** The app's sources: `/app` and `/public` echo what the guard forwarded; `/login` is a page. */
function appSources(version: Version, tracingRoot: string): Record<string, string> {
  // Next 16 builds with Turbopack, which reads no file outside its root; the app lives in a temp
  // dir and Next, React and the guard in the repo, so the root is their common ancestor.
  const config =
    version.pkg === 'next'
      ? { turbopack: { root: tracingRoot }, outputFileTracingRoot: tracingRoot }
      : { eslint: { ignoreDuringBuilds: true }, outputFileTracingRoot: tracingRoot }
  const echo = `export const dynamic = 'force-dynamic'
export function GET(request) {
  const body = {
    session: request.headers.get('x-kratos-session-id'),
    identity: request.headers.get('x-kratos-identity-id'),
  }
  return Response.json(body, { headers: { 'set-cookie': 'app=1; Path=/' } })
}
`
  // Next 15 runs middleware on Edge unless told otherwise; Next 16's proxy is always Node.js.
  const matcherConfig =
    version.file === 'middleware.js' && version.runtime === 'nodejs'
      ? { matcher: ['/app', '/public', '/login'], runtime: 'nodejs' }
      : { matcher: ['/app', '/public', '/login'] }
  return {
    'package.json': JSON.stringify({ name: 'guard-next-app', private: true, type: 'module' }),
    'next.config.mjs': `export default ${JSON.stringify(config)}\n`,
    [version.file]: `import { createGuard } from '@kratos-aegis/guard'
import { nextGuard } from '@kratos-aegis/guard/next'

const guard = createGuard({
  kratosUrl: process.env.KRATOS_URL,
  kratosAdminUrl: process.env.KRATOS_ADMIN_URL,
})
export const ${version.exportName} = nextGuard(guard, {
  skip: (request) => request.nextUrl.pathname === '/login' || request.nextUrl.pathname === '/public',
})
export const config = ${JSON.stringify(matcherConfig)}
`,
    'app/layout.js': `export default function RootLayout({ children }) {
  return <html><body>{children}</body></html>
}
`,
    'app/login/page.js': `export default function Login() {
  return <h1>Sign in here</h1>
}
`,
    'app/app/route.js': echo,
    'app/public/route.js': echo,
  }
}

/**
 * node_modules of the app. Next 16 and React are symlinks into the repo (React 19; both Nexts'
 * peer range is ^18.2 || ^19). Next 15 cannot be a symlink: its own files require `next/…`, which
 * from the repo's `node_modules/next-15` resolves to Next 16, so it is a hard-linked copy named
 * `next`, and the guard is copied too (its `next/server.js` must be 15's).
 * Next's other dependencies resolve through `<tmp>/node_modules`, a symlink to the repo's.
 */
function install(dir: string, app: string, version: Version): void {
  symlinkSync(modules, join(dir, 'node_modules'))
  const own = join(app, 'node_modules')
  mkdirSync(join(own, '@kratos-aegis'), { recursive: true })
  for (const name of ['react', 'react-dom']) symlinkSync(join(modules, name), join(own, name))
  const guard = join(root, 'packages/guard')
  if (version.pkg === 'next') {
    symlinkSync(join(modules, 'next'), join(own, 'next'))
    symlinkSync(guard, join(own, '@kratos-aegis/guard'))
  } else {
    // Hard links when the temp dir shares the repo's filesystem (296 MB otherwise).
    try {
      execFileSync('cp', ['-al', join(modules, version.pkg), join(own, 'next')], {
        stdio: 'ignore',
      })
    } catch {
      rmSync(join(own, 'next'), { recursive: true, force: true })
      execFileSync('cp', ['-a', join(modules, version.pkg), join(own, 'next')])
    }
    const copy = join(own, '@kratos-aegis/guard')
    cpSync(join(guard, 'package.json'), join(copy, 'package.json'))
    cpSync(join(guard, 'dist'), join(copy, 'dist'), { recursive: true })
  }
}

function commonAncestor(a: string, b: string): string {
  const left = a.split(sep)
  const right = b.split(sep)
  let i = 0
  while (i < left.length && left[i] === right[i]) i++
  return left.slice(0, i).join(sep) || parse(a).root
}

function nextEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra }
  delete env['NODE_ENV'] // vitest's `test` would make Next warn and build differently
  return env
}

/** Runs `next build`; resolves with its output, rejects with the output's tail. */
function build(app: string, children: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, [join(app, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: app,
    env: nextEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: a build still running at afterAll ends with its workers
  })
  children.push(child)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code === 0) resolve(output)
      else reject(new Error(`next build exited with ${String(code)}:\n${output.slice(-4000)}`))
    })
  })
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))
const versionOf = (pkg: string): string =>
  (readJson(join(modules, pkg, 'package.json')) as { version: string }).version

/** Where the build put the middleware/proxy: Edge functions and Node functions have manifests of their own. */
function builtRuntime(app: string): string | undefined {
  const server = join(app, '.next/server')
  const edge = readJson(join(server, 'middleware-manifest.json')) as {
    middleware: Record<string, unknown>
  }
  if (edge.middleware['/'] !== undefined) return 'edge'
  const node = readJson(join(server, 'functions-config-manifest.json')) as {
    functions: Record<string, { runtime?: string }>
  }
  return node.functions['/_middleware']?.runtime
}

/** SIGTERM to a child's process group, SIGKILL after 5 s; resolves once the child has exited. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pid, name)
    } catch {
      // the group is already gone
    }
  }
  signal('SIGTERM')
  const timer = setTimeout(() => {
    signal('SIGKILL')
  }, 5_000)
  await exited
  clearTimeout(timer)
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** `next start` on a free port; resolves once the public /login page answers. */
async function start(
  app: string,
  double: KratosDouble,
  children: ChildProcess[],
): Promise<{ base: string; output: () => string }> {
  const port = await freePort()
  const bin = join(app, 'node_modules/next/dist/bin/next')
  const child = spawn(process.execPath, [bin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: app,
    env: nextEnv({ KRATOS_URL: double.publicUrl, KRATOS_ADMIN_URL: double.adminUrl }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, ended as one in afterAll
  })
  children.push(child)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + START_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`)
    try {
      if ((await fetch(`${base}/login`, { headers: HTML })).status === 200)
        return { base, output: () => output }
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  throw new Error(`next start did not answer within ${START_MS} ms:\n${output}`)
}

describe.each(VERSIONS)(
  'a real $name app ($file, $runtime runtime) behind nextGuard',
  (version) => {
    let double: KratosDouble
    let identityId: string
    let dir: string | undefined
    let base: string
    let serverOutput: () => string
    const children: ChildProcess[] = []

    beforeAll(async () => {
      double = await startKratosDouble()
      identityId = (
        await double.createIdentity({
          email: 'next-app@example.com',
          password: 'a long passphrase 7',
        })
      ).id
      dir = mkdtempSync(join(tmpdir(), 'kratos-aegis-next-app-'))
      const app = join(dir, 'app')
      for (const [file, text] of Object.entries(appSources(version, commonAncestor(dir, root)))) {
        mkdirSync(dirname(join(app, file)), { recursive: true })
        writeFileSync(join(app, file), text)
      }
      install(dir, app, version)
      const log = await build(app, children)
      // The build used the version under test, and put the guard in the runtime named above.
      expect(log).toContain(`Next.js ${versionOf(version.pkg)}`)
      expect(builtRuntime(app)).toBe(version.runtime)
      ;({ base, output: serverOutput } = await start(app, double, children))
    }, BUILD_MS + START_MS)

    afterAll(async () => {
      // Every process group has ended before its directory goes; the double closes whatever happens.
      try {
        await Promise.all(children.map(stopGroup))
      } finally {
        await double.close()
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
      }
    })

    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { headers, redirect: 'manual' })
    const whoamiCalls = (): number =>
      double.requestLog.filter((e) => e.path === '/sessions/whoami').length

    it('lets a valid cookie through and the route handler sees the session and identity ids', async () => {
      const session = await double.createSession(identityId)
      const before = whoamiCalls()
      const answer = await get('/app', { cookie: `theme=dark; ${session.cookie}` })
      expect(answer.status, serverOutput()).toBe(200)
      expect(await answer.json()).toEqual({ session: session.id, identity: identityId })
      expect(whoamiCalls()).toBe(before + 1)
      // Next turns the proxy's request headers into the handler's; none of its plumbing leaks out.
      expect([...answer.headers.keys()].filter((name) => name.startsWith('x-middleware'))).toEqual(
        [],
      )
    })

    it("replaces a client's own x-kratos-* headers, on guarded and skipped paths", async () => {
      const session = await double.createSession(identityId)
      const spoofed = { 'x-kratos-session-id': 'someone-else', 'x-kratos-identity-id': 'someone' }
      const guarded = await get('/app', { 'x-session-token': session.token, ...spoofed })
      expect(guarded.status).toBe(200)
      expect(await guarded.json()).toEqual({ session: session.id, identity: identityId })
      const skipped = await get('/public', spoofed)
      expect(skipped.status).toBe(200)
      expect(await skipped.json()).toEqual({ session: null, identity: null })
    })

    it('redirects a browser without credentials to login (303) and serves the skipped /login page', async () => {
      const before = whoamiCalls()
      const answer = await get('/app', HTML)
      expect(answer.status).toBe(303)
      const location = new URL(answer.headers.get('location') ?? '')
      expect(`${location.origin}${location.pathname}`).toBe(
        `${double.publicUrl}/self-service/login/browser`,
      )
      expect(location.searchParams.get('return_to')).toMatch(/\/app$/)
      const login = await get('/login', HTML)
      expect(login.status).toBe(200)
      expect(await login.text()).toContain('Sign in here')
      expect(whoamiCalls()).toBe(before)
    })

    it('answers an API request with an unknown token 401 JSON', async () => {
      const answer = await get('/app', { authorization: `Bearer ory_st_${'x'.repeat(32)}` })
      expect(answer.status).toBe(401)
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
      expect((await answer.json()).error.status).toBe('invalid-session')
    })

    it("passes whoami's Set-Cookie after an admin extend to the client, next to the handler's", async () => {
      const session = await double.createSession(identityId, {
        expiresAt: new Date(Date.now() + 3_600_000),
      })
      const extend = await fetch(`${double.adminUrl}/admin/sessions/${session.id}/extend`, {
        method: 'PATCH',
      })
      expect(extend.ok).toBe(true)
      const answer = await get('/app', { cookie: session.cookie })
      expect(answer.status).toBe(200)
      expect(await answer.json()).toEqual({ session: session.id, identity: identityId })
      const cookies = answer.headers.getSetCookie()
      expect(cookies.some((c) => /^ory_kratos_session=[^;]+;/.test(c))).toBe(true)
      expect(cookies).toContain('app=1; Path=/')
    })
  },
)
