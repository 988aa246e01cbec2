// Fuzzing the loaders and the CLI (issue 10): arbitrary text or bytes end either in a loaded
// deployment or in one AegisError; the CLI prints one `aegis:` line and exits 2, never a stack.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDeployment } from '../../packages/aegis/src/config/index.ts'
import { isAegisError } from '../../packages/aegis/src/errors.ts'
import { runAegis } from '../support/cli.ts'

// AEGIS_FUZZ_RUNS=5000 searches longer locally; the default keeps the suite quick.
const loaderRuns = Number(process.env['AEGIS_FUZZ_RUNS'] ?? 200)

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aegis-fuzz-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

// YAML-shaped noise: the loaders' own vocabulary, so the fuzzer reaches past the parser.
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'services:',
        'kratos:',
        'config:',
        'secrets:',
        'cookie:',
        'session:',
        'lifespan: 1h',
        'environment:',
        'env:',
        'apiVersion: v1',
        'kind: Secret',
        'stringData:',
        '---',
        '- ',
        '&a [*a]',
        '*a',
        '<<: *a',
        '${VAR:-x}',
        '{',
        '}',
        '[',
        ']',
        '"',
        "'",
        '!!binary',
        '%YAML 1.2',
        '\t',
        '  ',
        '\n',
        'DSN=x',
      ),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''))

const inputs = fc.oneof(
  yamlish,
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.json().map((j) => j),
)
const names = fc.constantFrom(
  'kratos.yml',
  'docker-compose.yml',
  'values.yaml',
  'kratos.json',
  '.env',
)

const expectLoadedOrAegisError = async (file: string): Promise<void> => {
  try {
    await loadDeployment([file], { cwd: dir })
  } catch (error) {
    expect(isAegisError(error), String(error)).toBe(true)
  }
}

describe('loadDeployment on arbitrary input', () => {
  // Found by this fuzzer: a self-referencing alias made a cyclic value and the depth check looped.
  it.each([
    ['kratos.yml', '&a [*a]\n'],
    ['kratos.yml', 'session: &s\n  cookie: *s\n'],
    ['values.yaml', 'kratos:\n  config: &c { secrets: *c }\n'],
    ['docker-compose.yml', 'services: &s\n  kratos: *s\n'],
    ['k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: &d { x: *d }\n'],
  ])(
    'a self-referencing alias in %s is one AegisError, not a hang',
    async (name, text) => {
      const file = join(dir, `cycle-${String(Math.random()).slice(2)}-${name}`)
      await writeFile(file, text)
      await expect(loadDeployment([file], { cwd: dir })).rejects.toSatisfy(isAegisError)
    },
    10_000,
  )

  it('text: loads or throws one AegisError, never anything else', async () => {
    let i = 0
    await fc.assert(
      fc.asyncProperty(inputs, names, async (text, name) => {
        const file = join(dir, `t${String(i++)}-${name}`)
        await writeFile(file, text)
        await expectLoadedOrAegisError(file)
      }),
      { numRuns: loaderRuns },
    )
  }, 600_000)

  it('bytes (NUL, invalid UTF-8): loads or throws one AegisError', async () => {
    let i = 0
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), names, async (bytes, name) => {
        const file = join(dir, `b${String(i++)}-${name}`)
        await writeFile(file, bytes)
        await expectLoadedOrAegisError(file)
      }),
      { numRuns: loaderRuns },
    )
  }, 600_000)
})

describe('the CLI on arbitrary bytes', () => {
  it('exits 0, 1 or 2; on 2 exactly one `aegis:` line (and a hint); never a stack trace', async () => {
    let i = 0
    let errors = 0
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 200 }),
          yamlish.map((t) => Buffer.from(t)),
        ),
        fc.constantFrom('audit', 'config'),
        async (bytes, command) => {
          const file = join(dir, `cli${String(i++)}.yml`)
          await writeFile(file, bytes)
          const args = command === 'audit' ? ['audit', file] : ['config', 'validate', file]
          const r = await runAegis(args, { cwd: dir, timeoutMs: 30_000 })
          expect([0, 1, 2], r.stderr).toContain(r.code)
          expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError|ReferenceError/)
          if (r.code === 2) {
            errors++
            // One error line, and at most one hint line (main.ts prints `hint:` for known errors).
            expect(r.stderr).toMatch(/^aegis: [^\n]+\n(hint: [^\n]+\n)?$/)
          }
        },
      ),
      { numRuns: 24 },
    )
    // Random bytes are mostly not YAML: most runs must have taken the error path.
    expect(errors).toBeGreaterThan(0)
  }, 240_000)
})
