// The published shape of @kratos-aegis/guard: subpath exports resolve to built files, and the
// core pulls no framework, YAML, CLI or browser code into an application.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../packages/guard')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!)
}

describe('package exports', () => {
  it('lists every subpath with types first, and each built file exists', () => {
    const subpaths = ['.', './express', './fastify', './hono', './next', './metrics']
    for (const store of ['memory', 'redis', 'postgres']) subpaths.push(`./stores/${store}`)
    for (const subpath of subpaths) {
      const entry = pkg.exports[subpath]
      expect(Object.keys(entry), subpath).toEqual(['types', 'default'])
      expect(existsSync(join(root, entry.types)), entry.types).toBe(true)
      expect(existsSync(join(root, entry.default)), entry.default).toBe(true)
    }
  })

  it('declares frameworks and clients as optional peer dependencies only', () => {
    expect(pkg.dependencies ?? {}).toEqual({})
    for (const name of [
      'express',
      'fastify',
      'hono',
      'next',
      'prom-client',
      'ioredis',
      'redis',
      'pg',
    ]) {
      expect(pkg.peerDependencies[name], name).toBeTypeOf('string')
      expect(pkg.peerDependenciesMeta[name], name).toEqual({ optional: true })
    }
  })
})

describe('import boundaries', () => {
  const core = join(root, 'src/core')
  const files = readdirSync(core).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))

  it('keeps the core on relative imports and node:crypto types', () => {
    expect(files.length).toBeGreaterThan(5)
    const all = [...files.map((f) => join(core, f)), join(root, 'src/index.ts')]
    expect(all.flatMap(importsOf).length).toBeGreaterThan(20)
    for (const file of all) {
      for (const specifier of importsOf(file)) {
        expect(
          specifier.startsWith('./') ||
            specifier.startsWith('../stores/') ||
            specifier === 'node:crypto',
          `${file}: ${specifier}`,
        ).toBe(true)
        expect(specifier).not.toMatch(/adapters|aegis|yaml|playwright/)
      }
    }
  })

  it('lets each adapter import only its framework', () => {
    const allowed: Record<string, RegExp> = {
      'express.ts': /^express$/,
      'fastify.ts': /^fastify$/,
      'hono.ts': /^hono$/,
      'next.ts': /^next\/server\.js$/,
    }
    for (const [file, framework] of Object.entries(allowed)) {
      const path = join(root, 'src/adapters', file)
      // Hono's file holds two forms over one shared settle (middleware and handler wrapper).
      const limit = file === 'hono.ts' ? 125 : 80
      expect(readFileSync(path, 'utf8').split('\n').length, file).toBeLessThanOrEqual(limit)
      for (const specifier of importsOf(path)) {
        expect(
          specifier.startsWith('../core/') || framework.test(specifier),
          `${file}: ${specifier}`,
        ).toBe(true)
      }
    }
  })
})
