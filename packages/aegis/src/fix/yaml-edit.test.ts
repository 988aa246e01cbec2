import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { validateTree } from '../kratos/index.ts'
import {
  applyEdits,
  parseYaml,
  removeEdit,
  removeIn,
  setEdit,
  setIn,
  verifyEdit,
  type PathSegment,
} from './yaml-edit.ts'

type Edit = { op: 'set'; path: string[]; value: unknown } | { op: 'remove'; path: string[] }

const apply = (text: string, edits: readonly Edit[]): string => {
  let out = text
  for (const e of edits) {
    const doc = parseYaml(out)
    const edit = e.op === 'set' ? setEdit(out, doc, e.path, e.value) : removeEdit(out, doc, e.path)
    if (edit !== null) out = applyEdits(out, [edit])
  }
  return out
}
const expectTree = (tree: unknown, edits: readonly Edit[]): unknown =>
  edits.reduce((t, e) => (e.op === 'set' ? setIn(t, e.path, e.value) : removeIn(t, e.path)), tree)

/** A valid Kratos config written in varied styles: comments, quoting, anchors, key order. */
const quote = fc.constantFrom(
  (s: string) => s,
  (s: string) => `'${s}'`,
  (s: string) => `"${s}"`,
)
const comment = fc.option(fc.constantFrom(' # why', ' # keep me', '  # 2 spaces'), { nil: '' })
const configArb = fc
  .record({
    q: quote,
    c1: comment,
    c2: comment,
    c3: comment,
    sameSite: fc.option(fc.constantFrom('Lax', 'Strict', 'None'), { nil: undefined }),
    domain: fc.option(fc.constantFrom('example.com', 'auth.example.org'), { nil: undefined }),
    lifespan: fc.constantFrom('24h', '720h', '1h30m'),
    leak: fc.option(fc.boolean(), { nil: undefined }),
    flowAnchor: fc.boolean(),
    cookieFirst: fc.boolean(),
  })
  .map((r) => {
    const cookie = [
      r.sameSite === undefined ? null : `    same_site: ${r.q(r.sameSite)}${r.c1}`,
      r.domain === undefined ? null : `    domain: ${r.q(r.domain)}${r.c2}`,
      '    persistent: true',
    ].filter((l): l is string => l !== null)
    const session = [
      'session:',
      '  # the absolute lifetime',
      `  lifespan: ${r.lifespan}${r.c3}`,
      '  cookie:',
      ...cookie,
    ]
    const rest = [
      'dsn: memory',
      'identity:',
      '  default_schema_id: default',
      '  schemas:',
      '    - id: default',
      '      url: file:///etc/identity.schema.json',
      'selfservice:',
      "  default_browser_return_url: 'http://127.0.0.1:4455/'",
      '  flows:',
      '    login:',
      `      lifespan: ${r.flowAnchor ? '&flow 10m' : '10m'}`,
      '    registration:',
      `      lifespan: ${r.flowAnchor ? '*flow' : '10m'}`,
      ...(r.leak === undefined ? [] : ['log:', `  leak_sensitive_values: ${r.leak}`]),
    ]
    return `# Kratos\n${(r.cookieFirst ? [...session, ...rest] : [...rest, ...session]).join('\n')}\n`
  })

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.constantFrom<Edit>(
    { op: 'set', path: ['session', 'cookie', 'same_site'], value: 'Lax' },
    { op: 'set', path: ['session', 'cookie', 'same_site'], value: 'Strict' },
    { op: 'set', path: ['session', 'lifespan'], value: '24h' },
    { op: 'set', path: ['session', 'cookie', 'persistent'], value: false },
    { op: 'set', path: ['session', 'cookie', 'secure'], value: 'true' },
    { op: 'set', path: ['log', 'leak_sensitive_values'], value: false },
    {
      op: 'set',
      path: ['secrets', 'cookie'],
      value: ['a-generated-secret-of-48-characters-0123456789ab'],
    },
    {
      op: 'set',
      path: ['selfservice', 'flows', 'settings', 'privileged_session_max_age'],
      value: '15m',
    },
    { op: 'remove', path: ['session', 'cookie', 'domain'] },
    { op: 'remove', path: ['log', 'leak_sensitive_values'] },
  ),
)

const commentsOf = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => /^\s*#/.test(l))
    .map((l) => l.trim())

describe('YAML edits (property tests)', () => {
  it('change only what they target: every other value and comment stays identical', () => {
    fc.assert(
      fc.property(configArb, fc.array(editArb, { maxLength: 4 }), (config, edits) => {
        const after = apply(config, edits)
        const want = expectTree(parse(config), edits)
        expect(parse(after)).toEqual(want)
        for (const c of commentsOf(config)) expect(commentsOf(after)).toContain(c)
        // Lines the edits did not touch are kept byte for byte, in order.
        const touched = new Set(edits.map((e) => e.path[e.path.length - 1]))
        const kept = config
          .split('\n')
          .filter(
            (l) =>
              ![...touched].some((k) => l.trimStart().startsWith(`${String(k)}:`)) &&
              !/^\s*(cookie|log|session|secrets|settings):?\s*$/.test(l),
          )
        const afterLines = after.split('\n')
        let i = 0
        for (const line of kept) {
          i = afterLines.indexOf(line, i)
          expect(i, `kept line ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('are idempotent', () => {
    // One edit per key, as a fix plan has: a remove then a set of the same key is not idempotent
    // by design (an emptied parent mapping goes, and the set re-adds it at the end).
    const plan = fc.uniqueArray(editArb, { maxLength: 4, selector: (e) => e.path.join('.') })
    fc.assert(
      fc.property(configArb, plan, (config, edits) => {
        const once = apply(config, edits)
        expect(apply(once, edits)).toBe(once)
      }),
      { numRuns: 150 },
    )
  })

  it('leave a config Kratos accepts (validateTree: no fatal problem)', () => {
    fc.assert(
      fc.property(configArb, fc.array(editArb, { maxLength: 4 }), (config, edits) => {
        const before = validateTree(parse(config) as Record<string, unknown>, 'v26.2')
        expect(before.filter((p) => p.severity === 'fatal')).toEqual([])
        const after = validateTree(parse(apply(config, edits)) as Record<string, unknown>, 'v26.2')
        expect(after.filter((p) => p.severity === 'fatal')).toEqual([])
      }),
      { numRuns: 100 },
    )
  })
})

describe('YAML edits (cases)', () => {
  it('keeps quoting style of untouched scalars and the anchor of an aliased value', () => {
    const text = 'a:\n  b: &x \'1h\' # c\n  c: *x\n  d: "q"\n'
    expect(apply(text, [{ op: 'set', path: ['a', 'd'], value: 'r' }])).toBe(
      "a:\n  b: &x '1h' # c\n  c: *x\n  d: r\n",
    )
  })

  it('refuses (through verifyEdit) an edit that would also change an alias', () => {
    const text = 'a:\n  b: &x 1h\n  c: *x\n'
    const path: PathSegment[] = ['a', 'b']
    const after = apply(text, [{ op: 'set', path: path.map(String), value: '2h' }])
    expect(() => {
      verifyEdit(after, setIn(parse(text), path, '2h'))
    }).toThrow(/intended values/)
  })

  it('adds missing parents at the right indentation, and removes an emptied parent', () => {
    const text = 'session:\n    lifespan: 1h\n'
    const added = apply(text, [
      { op: 'set', path: ['session', 'cookie', 'same_site'], value: 'Lax' },
    ])
    expect(added).toBe('session:\n    lifespan: 1h\n    cookie:\n      same_site: Lax\n')
    const removed = apply(added, [{ op: 'remove', path: ['session', 'cookie', 'same_site'] }])
    expect(removed).toBe(text)
  })

  it('writes a string that looks like a boolean with quotes (session.cookie.secure is a string)', () => {
    expect(
      apply('session:\n  cookie:\n    secure: "false"\n', [
        { op: 'set', path: ['session', 'cookie', 'secure'], value: 'true' },
      ]),
    ).toBe('session:\n  cookie:\n    secure: "true"\n')
  })
})
