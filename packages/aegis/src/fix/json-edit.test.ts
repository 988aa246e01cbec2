// QA L16: `aegis fix` on a JSON config changes only the bytes of what it fixes, like YAML.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { removeJsonEdit, setJsonEdit, verifyJsonEdit } from './json-edit.ts'
import { applyEdits, parseYaml, removeIn, setIn, type PathSegment } from './yaml-edit.ts'

const set = (text: string, path: PathSegment[], value: unknown): string => {
  const after = applyEdits(text, [setJsonEdit(text, parseYaml(text), path, value)])
  verifyJsonEdit(after, setIn(JSON.parse(text), path, value))
  return after
}
const remove = (text: string, path: PathSegment[]): string => {
  const edit = removeJsonEdit(text, parseYaml(text), path)
  const after = edit === null ? text : applyEdits(text, [edit])
  verifyJsonEdit(after, removeIn(JSON.parse(text), path))
  return after
}
const changedLines = (a: string, b: string): string[] => {
  const x = a.split('\n')
  const y = b.split('\n')
  return y.filter((line, i) => x[i] !== line)
}

const fourSpaces = `{
    "dsn": "memory",
    "log": { "level": "debug", "leak_sensitive_values": true },
    "session": {
        "lifespan": "720h"
    },
    "selfservice": {
        "default_browser_return_url": "https://app.example.com/"
    }
}
`

describe('JSON fix edits are minimal splices', () => {
  it('replaces only the value of an existing key', () => {
    const after = set(fourSpaces, ['log', 'leak_sensitive_values'], false)
    expect(changedLines(fourSpaces, after)).toEqual([
      '    "log": { "level": "debug", "leak_sensitive_values": false },',
    ])
    expect(set(fourSpaces, ['session', 'lifespan'], '24h')).toBe(
      fourSpaces.replace('"720h"', '"24h"'),
    )
  })

  it('adds a key after the last member, with its indentation', () => {
    const after = set(fourSpaces, ['session', 'cookie', 'same_site'], 'Lax')
    expect(after).toBe(
      fourSpaces.replace(
        '"lifespan": "720h"\n',
        '"lifespan": "720h",\n        "cookie": {"same_site":"Lax"}\n',
      ),
    )
    const top = set(fourSpaces, ['ciphers', 'algorithm'], 'xchacha20-poly1305')
    expect(top.endsWith('    },\n    "ciphers": {"algorithm":"xchacha20-poly1305"}\n}\n')).toBe(
      true,
    )
    expect(set(fourSpaces, ['log', 'format'], 'json')).toContain(
      '"leak_sensitive_values": true, "format": "json" }',
    )
    expect(set('{"session": {}}', ['session', 'lifespan'], '1h')).toBe(
      '{"session": {"lifespan": "1h"}}',
    )
  })

  it('removes a member with one comma; an emptied object goes too', () => {
    expect(remove(fourSpaces, ['log', 'level'])).toContain(
      '"log": { "leak_sensitive_values": true }',
    )
    expect(remove(fourSpaces, ['log', 'leak_sensitive_values'])).toContain(
      '"log": { "level": "debug" }',
    )
    expect(remove(fourSpaces, ['session', 'lifespan'])).toBe(
      fourSpaces.replace('    "session": {\n        "lifespan": "720h"\n    },\n', ''),
    )
    expect(remove(fourSpaces, ['selfservice', 'default_browser_return_url'])).toBe(
      fourSpaces.replace(
        '    },\n    "selfservice": {\n        "default_browser_return_url": "https://app.example.com/"\n    }\n',
        '    }\n',
      ),
    )
    expect(remove(fourSpaces, ['nothing', 'here'])).toBe(fourSpaces)
  })

  it('keeps every untouched value and yields strict JSON for any layout (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'lifespan', 'cookie', 'x_y')
    const leaf = fc.oneof(
      fc.boolean(),
      fc.integer(),
      fc.string({ maxLength: 6 }),
      fc.constant(null),
    )
    const tree = fc.letrec((tie) => ({
      node: fc.dictionary(key, fc.oneof({ maxDepth: 3 }, leaf, tie('node')), { maxKeys: 4 }),
    })).node
    const layout = fc.constantFrom<string | number | undefined>(undefined, 2, 4, '\t')
    const path = fc.array(key, { minLength: 1, maxLength: 3 })
    fc.assert(
      fc.property(
        tree,
        layout,
        path,
        fc.oneof(leaf, fc.constant('24h')),
        fc.boolean(),
        (t, indent, p, value, del) => {
          const text = `${JSON.stringify(t, null, indent)}\n`
          // A path through a non-object is refused by the engine's caller, not edited.
          const blocked = p.slice(0, -1).some((_, i) => {
            const v = p
              .slice(0, i + 1)
              .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], t)
            return v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))
          })
          if (blocked) return
          // The engine removes keys that are there (removeIn would also drop an already-empty parent).
          const present =
            p.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], t) !==
            undefined
          if (del && !present) return
          const after = del ? remove(text, p) : set(text, p, value)
          expect(JSON.parse(after)).toEqual(del ? removeIn(t, p) : setIn(t, p, value))
        },
      ),
      { numRuns: 300 },
    )
  })
})
