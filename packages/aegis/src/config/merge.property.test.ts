import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { defaultValue } from '../kratos/index.ts'
import { loadDeployment } from './index.ts'
import { setPath, type Tree } from './tree.ts'

/** String keys, so env values need no cast: [path, env var]. */
const keys = [
  ['session.lifespan', 'SESSION_LIFESPAN'],
  ['session.cookie.name', 'SESSION_COOKIE_NAME'],
  ['session.cookie.domain', 'SESSION_COOKIE_DOMAIN'],
  ['cookies.path', 'COOKIES_PATH'],
  ['serve.public.base_url', 'SERVE_PUBLIC_BASE_URL'],
  ['log.level', 'LOG_LEVEL'],
] as const

const layer = fc.dictionary(
  fc.constantFrom(...keys.map(([k]) => k)),
  fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
)

describe('merge order (FACTS.md §3) as a property', () => {
  it('env beats later files beats earlier files beats defaults, with matching origins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-merge-'))
    await fc.assert(
      fc.asyncProperty(layer, layer, layer, async (a, b, env) => {
        const tree = (values: Record<string, string>): Tree => {
          const t: Tree = {}
          for (const [k, v] of Object.entries(values)) setPath(t, k, v)
          return t
        }
        writeFileSync(join(dir, 'a.yml'), stringify(tree(a)))
        writeFileSync(join(dir, 'b.yml'), stringify(tree(b)))
        const envVars = Object.fromEntries(
          keys.flatMap(([k, name]) => (env[k] === undefined ? [] : [[name, env[k]]])),
        )
        const { view } = await loadDeployment(['a.yml', 'b.yml'], { cwd: dir, env: envVars })
        for (const [k, name] of keys) {
          const expected = env[k] ?? b[k] ?? a[k]
          expect(view.get(k)).toEqual(expected ?? defaultValue(k, view.version))
          expect(view.has(k)).toBe(expected !== undefined)
          const origin = view.origin(k)
          if (env[k] !== undefined) expect(origin).toMatchObject({ kind: 'env', envVar: name })
          else if (b[k] !== undefined) expect(origin.location?.file).toBe('b.yml')
          else if (a[k] !== undefined) expect(origin.location?.file).toBe('a.yml')
          else expect(origin.kind).toBe('default')
        }
      }),
      { numRuns: 40 },
    )
  })
})
